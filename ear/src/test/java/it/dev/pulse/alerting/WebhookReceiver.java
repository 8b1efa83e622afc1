package it.dev.pulse.alerting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.dev.pulse.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * WebhookReceiver is a webhook endpoint on loopback for alerting tests: it records every request
 * (arrival time, headers, exact body bytes) and answers with the statuses it was scripted with, in
 * order, then 200 for the rest.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived; header names are case-insensitive. */
  record Request(
      Instant at, String method, String path, Map<String, List<String>> headers, byte[] body) {

    /** The first value of the header, or null. */
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(text()))) {
        return reader.readObject();
      }
    }
  }

  private record Answer(int status, String[] headers) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private static final int HOLD = -1;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /** A receiver listening on 127.0.0.1 on a free port. */
  static WebhookReceiver start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WebhookReceiver receiver = new WebhookReceiver(server);
    server.createContext("/", receiver::handle);
    server.setExecutor(receiver.executor);
    server.start();
    return receiver;
  }

  /**
   * Scripts the next answer: the status and headers (name, value, name, value...). Answers are used
   * in the order scripted; once they run out every request gets 200.
   */
  WebhookReceiver answer(int status, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name, value pairs");
    }
    script.add(new Answer(status, headers.clone()));
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /**
   * Scripts the next answer as none at all: the request is recorded and then held open until the
   * receiver is closed, as a receiver that hangs (or a sender that dies mid-request) leaves it.
   */
  WebhookReceiver hold() {
    script.add(new Answer(HOLD, new String[0]));
    return this;
  }

  /** The requests so far, in order of arrival. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits until at least {@code count} requests have arrived; returns them all. */
  List<Request> await(int count, Duration timeout) {
    return Poll.until(
        timeout, count + " webhook request(s) at " + url(), this::requests, r -> r.size() >= count);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant at = Instant.now();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
      // Recorded before answering: once the sender has its answer, the test can see the request.
      requests.add(
          new Request(
              at,
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Collections.unmodifiableMap(headers),
              body));
      Answer answer = script.poll();
      if (answer == null) {
        answer = new Answer(200, new String[0]);
      }
      if (answer.status() == HOLD) {
        try {
          closed.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      for (int i = 0; i < answer.headers().length; i += 2) {
        exchange.getResponseHeaders().add(answer.headers()[i], answer.headers()[i + 1]);
      }
      byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return url() + " " + Arrays.toString(requests.stream().map(Request::text).toArray());
  }
}
