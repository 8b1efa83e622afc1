package dev.pulse.ingest.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;

/**
 * ChallengeFilter keeps {@code WWW-Authenticate} for 401 answers. Liberty's MP-JWT check looks at
 * every {@code Authorization: Bearer} value, also on the unprotected ingestion URLs where that
 * value is an ingest key, and adds an {@code invalid_token} challenge to the response before any
 * application code runs; a 202 must not carry it. Pulse's own 401s set the header again.
 *
 * <p>The Servlet API cannot remove a header and Liberty ignores {@code setHeader(name, null)}; its
 * response class can ({@code removeHeader}, not public), found reflectively once. On other
 * containers, which do not add the header, nothing happens.
 */
@WebFilter(
    urlPatterns = {"/api/v1/events", "/api/v1/events/batch", "/ingest"},
    asyncSupported = true)
public class ChallengeFilter extends HttpFilter {

  private static final Logger LOG = System.getLogger(ChallengeFilter.class.getName());
  static final String CHALLENGE = "WWW-Authenticate";

  private volatile Method removeHeader;
  private volatile boolean unsupported;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!unsupported && response.containsHeader(CHALLENGE)) {
      remove(response);
    }
    chain.doFilter(request, response);
  }

  private void remove(HttpServletResponse response) {
    try {
      Method method = removeHeader;
      if (method == null) {
        method = find(response.getClass());
        method.setAccessible(true);
        removeHeader = method;
      }
      method.invoke(response, CHALLENGE);
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsupported = true;
      LOG.log(Level.WARNING, "Cannot drop the container challenge header: {0}", e.toString());
    }
  }

  private static Method find(Class<?> type) throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredMethod("removeHeader", String.class);
      } catch (NoSuchMethodException notHere) {
        // look further up
      }
    }
    throw new NoSuchMethodException(type.getName() + ".removeHeader(String)");
  }
}
