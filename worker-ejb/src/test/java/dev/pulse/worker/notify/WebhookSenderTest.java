package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  private static final String BODY =
      "{\"version\":\"4\",\"status\":\"firing\",\"note\":\"größer €\"}";
  private static final String SECRET = "s3cr3t-signing-key";

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Received> received = new AtomicReference<>();
  private HttpServer server;

  private record Received(String method, String path, Headers headers, byte[] body) {}

  @AfterEach
  void stopServer() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  /** Starts a server on 127.0.0.1 that records each request and answers with {@code handler}. */
  private URI serve(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.set(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders(),
                  body));
          handler.handle(exchange);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/pulse");
  }

  private static HttpHandler answer(int status, Map<String, String> headers, String body) {
    return exchange -> {
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  private static Delivery send(URI url, String secret) {
    return new WebhookSender(Duration.ofSeconds(5))
        .send(url, Map.of("Authorization", "Bearer tok-123456"), secret, "ntf-42", BODY);
  }

  private static String hmacSha256Hex(String key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data));
  }

  @Test
  void postsTheBodyWithHeadersAndASignatureOfTheExactBytes() throws Exception {
    URI url = serve(answer(200, Map.of(), "ok"));

    Delivery delivery = send(url, SECRET);

    assertEquals(new Delivery(Delivery.Outcome.SENT, 200, null, null), delivery);
    Received request = received.get();
    assertEquals("POST", request.method());
    assertEquals("/hooks/pulse", request.path());
    assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), request.body());
    Headers headers = request.headers();
    assertEquals("application/json", headers.getFirst("Content-Type"));
    assertEquals("Pulse", headers.getFirst("User-Agent"));
    assertEquals("Bearer tok-123456", headers.getFirst("Authorization"));
    assertEquals("ntf-42", headers.getFirst("X-Pulse-Notification-Id"));
    String expected = "sha256=" + hmacSha256Hex(SECRET, request.body());
    assertEquals(expected, headers.getFirst("X-Pulse-Signature"));
    assertEquals(expected, "sha256=" + WebhookSender.signature(SECRET, BODY));
  }

  @Test
  void sendsUnsignedWithoutASecret() throws Exception {
    URI url = serve(answer(204, Map.of(), ""));

    assertEquals(Delivery.Outcome.SENT, send(url, null).outcome());
    assertFalse(received.get().headers().containsKey("X-Pulse-Signature"));
  }

  @Test
  void serviceUnavailableWithRetryAfterSecondsIsRetried() throws Exception {
    URI url = serve(answer(503, Map.of("Retry-After", "7"), "down for maintenance"));

    Delivery delivery = send(url, SECRET);

    assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
    assertEquals(503, delivery.httpStatus());
    assertEquals(Duration.ofSeconds(7), delivery.retryAfter());
    assertEquals("HTTP 503: down for maintenance", delivery.error());
  }

  @Test
  void tooManyRequestsWithAnHttpDateWaitsUntilThatDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
    URI url = serve(answer(429, Map.of("Retry-After", date), ""));

    Delivery delivery = send(url, null);

    assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
    assertEquals("HTTP 429", delivery.error());
    long seconds = delivery.retryAfter().toSeconds();
    assertTrue(seconds >= 117 && seconds <= 121, "retry after " + delivery.retryAfter());
  }

  @Test
  void notFoundFailsForGood() throws Exception {
    URI url = serve(answer(404, Map.of(), "no such hook"));

    Delivery delivery = send(url, SECRET);

    assertEquals(Delivery.Outcome.FAILED, delivery.outcome());
    assertEquals(404, delivery.httpStatus());
    assertTrue(delivery.error().startsWith("HTTP 404"), delivery.error());
    assertNull(delivery.retryAfter());
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    URI url = serve(answer(302, Map.of("Location", "http://169.254.169.254/"), ""));

    Delivery delivery = send(url, null);

    assertEquals(Delivery.Outcome.FAILED, delivery.outcome());
    assertEquals("HTTP 302", delivery.error());
  }

  @Test
  void theErrorNeverRepeatsSecretsOrHeaderValuesAndIsShort() throws Exception {
    String echo = "you sent Bearer tok-123456 and key " + SECRET + " " + "x".repeat(2_000);
    URI url = serve(answer(500, Map.of(), echo));

    Delivery delivery = send(url, SECRET);

    assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
    assertFalse(delivery.error().contains("tok-123456"), delivery.error());
    assertFalse(delivery.error().contains(SECRET), delivery.error());
    assertTrue(delivery.error().startsWith("HTTP 500: you sent"), delivery.error());
    assertTrue(delivery.error().length() <= "HTTP 500: ".length() + 200, delivery.error());
  }

  @Test
  void aClosedPortIsRetried() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    Delivery delivery = send(URI.create("http://127.0.0.1:" + port + "/"), SECRET);

    assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
    assertEquals(0, delivery.httpStatus());
    assertEquals("ConnectException: connection refused", delivery.error());
  }

  @Test
  void aReceiverSlowerThanTheTimeoutIsRetried() throws Exception {
    URI url =
        serve(
            exchange -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              answer(200, Map.of(), "late").handle(exchange);
            });

    long started = System.nanoTime();
    Delivery delivery =
        new WebhookSender(Duration.ofMillis(300)).send(url, Map.of(), null, "ntf-1", BODY);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
    assertEquals(0, delivery.httpStatus());
    assertTrue(delivery.error().contains("timed out"), delivery.error());
    assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
  }
}
