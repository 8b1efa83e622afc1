package dev.pulse.ingest.problem;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * ContainerErrors renders the errors the container answers by itself, before any resource runs (a
 * missing, expired or forged access token on a protected URL), as problem details too. It is the
 * error page of web.xml for 401 and 403.
 */
@WebServlet("/errors/container")
public class ContainerErrors extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    String body =
        status == 403
            ? problem(
                403, "forbidden", "Forbidden", "this access token does not allow this request")
            : problem(
                401,
                "unauthorized",
                "Authentication required",
                "send a valid access token as Authorization: Bearer <token>; it is missing, expired, or not signed by this Pulse");
    response.setStatus(status == 403 ? 403 : 401);
    if (status != 403) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"pulse\", error=\"invalid_token\"");
    }
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body);
  }

  private static String problem(int status, String slug, String title, String detail) {
    return "{\"type\":\"urn:pulse:problem:"
        + slug
        + "\",\"title\":\""
        + title
        + "\",\"status\":"
        + status
        + ",\"detail\":\""
        + detail
        + "\"}";
  }
}
