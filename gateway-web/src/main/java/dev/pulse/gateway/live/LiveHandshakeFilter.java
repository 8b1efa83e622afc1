package dev.pulse.gateway.live;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * LiveHandshakeFilter refuses an opening handshake without a valid access token with HTTP 401 and
 * an RFC 9457 problem, before any upgrade, so a client learns why instead of seeing a socket that
 * opens and closes.
 */
@WebFilter(urlPatterns = "/ws")
public class LiveHandshakeFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient TokenVerifier tokens;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String token = LiveHandshake.token(parameters(req), headers(req));
    if (tokens.verify(token).isEmpty()) {
      res.setStatus(401);
      res.setHeader("WWW-Authenticate", "Bearer realm=\"pulse\"");
      res.setContentType("application/problem+json");
      String detail =
          token == null
              ? "send an access token as ?token=<token> or the subprotocol bearer.<token>"
              : "the access token is invalid or expired";
      res.getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                  + detail
                  + "\"}");
      return;
    }
    chain.doFilter(req, res);
  }

  private static Map<String, List<String>> parameters(HttpServletRequest req) {
    return req.getParameterMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
  }

  private static Map<String, List<String>> headers(HttpServletRequest req) {
    return Collections.list(req.getHeaderNames()).stream()
        .collect(
            Collectors.toMap(
                Function.identity(), h -> Collections.list(req.getHeaders(h)), (a, b) -> a));
  }
}
