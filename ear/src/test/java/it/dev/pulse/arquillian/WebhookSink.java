package it.dev.pulse.arquillian;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * WebhookSink is a webhook receiver inside the test archive itself: the notifications of an
 * in-container test are really POSTed over HTTP (by this server's dispatcher or by server {@code
 * pulse}'s, which shares the database) and land here.
 */
@WebServlet("/webhook")
public class WebhookSink extends HttpServlet {

  /** One POST as received. */
  public record Received(String notificationId, Instant at, String body) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

  /** The URL of this servlet in the deployment {@code context}. */
  static String url(String context) {
    return "http://127.0.0.1:"
        + System.getenv("PULSE_ARQUILLIAN_HTTP_PORT")
        + "/"
        + context
        + "/webhook";
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    RECEIVED.add(new Received(req.getHeader("X-Pulse-Notification-Id"), Instant.now(), body));
    resp.setStatus(200);
  }
}
