package dev.pulse.worker.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WebhookSender POSTs a notification body to a webhook and classifies the answer: 2xx is sent; 408,
 * 425, 429, 5xx and network errors are worth retrying; anything else has failed for good. Bodies
 * are signed with HMAC-SHA256 when the channel has a secret; redirects are never followed.
 */
public final class WebhookSender {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final int KEPT_BODY_BYTES = 1024;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final Duration requestTimeout;

  public WebhookSender() {
    this(DEFAULT_TIMEOUT);
  }

  /** A sender that gives up on an attempt after {@code requestTimeout}, response body included. */
  public WebhookSender(Duration requestTimeout) {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    this.requestTimeout = requestTimeout;
  }

  /**
   * Sends one notification. Extra headers may replace Content-Type and User-Agent but never the
   * X-Pulse headers.
   *
   * @param secret the channel's signing secret, or null to send unsigned
   */
  public Delivery send(
      URI url, Map<String, String> headers, String secret, String notificationId, String body) {
    ErrorText errors = new ErrorText(url, headers, secret);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(url).timeout(requestTimeout);
    } catch (IllegalArgumentException e) {
      return new Delivery(Delivery.Outcome.FAILED, 0, "unsupported url", null);
    }
    request.setHeader("Content-Type", "application/json").setHeader("User-Agent", "Pulse");
    for (Map.Entry<String, String> header :
        (headers == null ? Map.<String, String>of() : headers).entrySet()) {
      try {
        request.setHeader(header.getKey(), header.getValue());
      } catch (IllegalArgumentException | NullPointerException e) {
        String refused = "header " + header.getKey() + " is invalid or not allowed";
        return new Delivery(Delivery.Outcome.FAILED, 0, errors.plain(refused), null);
      }
    }
    request.setHeader("X-Pulse-Notification-Id", notificationId);
    if (secret != null) {
      request.setHeader("X-Pulse-Signature", "sha256=" + signature(secret, bytes));
    }
    request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    return exchange(request.build(), errors);
  }

  /** The lowercase hex HMAC-SHA256 of the body's UTF-8 bytes, keyed with the secret's. */
  public static String signature(String secret, String body) {
    return signature(secret, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private Delivery exchange(HttpRequest request, ErrorText errors) {
    CompletableFuture<HttpResponse<byte[]>> pending =
        CLIENT.sendAsync(request, info -> new LimitedBody(KEPT_BODY_BYTES));
    HttpResponse<byte[]> response;
    try {
      response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return new Delivery(Delivery.Outcome.RETRY, 0, "interrupted while sending", null);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return new Delivery(Delivery.Outcome.RETRY, 0, "request timed out", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      Delivery.Outcome outcome =
          cause instanceof IOException ? Delivery.Outcome.RETRY : Delivery.Outcome.FAILED;
      return new Delivery(outcome, 0, errors.exception(cause), null);
    }
    return classify(response, errors);
  }

  private static Delivery classify(HttpResponse<byte[]> response, ErrorText errors) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Delivery(Delivery.Outcome.SENT, status, null, null);
    }
    Duration retryAfter =
        status == 429 || status == 503
            ? RetryAfter.parse(
                response.headers().firstValue("Retry-After").orElse(null), Instant.now())
            : null;
    boolean retry =
        status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600);
    Delivery.Outcome outcome = retry ? Delivery.Outcome.RETRY : Delivery.Outcome.FAILED;
    return new Delivery(outcome, status, errors.httpError(status, response.body()), retryAfter);
  }
}
