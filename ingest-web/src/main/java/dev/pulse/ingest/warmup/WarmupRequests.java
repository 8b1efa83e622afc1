package dev.pulse.ingest.warmup;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * WarmupRequests are the requests of the start-up warm-up, one per ingestion endpoint, written as
 * raw HTTP/1.1 on a kept-alive connection: a client this small costs the server nothing to warm up
 * itself, and it needs no JIT of its own to keep up.
 */
final class WarmupRequests {

  /** One request: its path (for logs) and its bytes on the wire. */
  record Request(String path, byte[] bytes) {}

  private WarmupRequests() {}

  static List<Request> all(String key) {
    String event =
        "{\"type\":\"pulse.warmup\",\"source\":\"pulse\",\"level\":\"info\","
            + "\"message\":\"warm-up\",\"tags\":{\"env\":\"warmup\",\"host\":\"localhost\"},"
            + "\"payload\":{\"n\":1,\"ok\":true}}";
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      batch.append(i == 0 ? "" : ",").append(event);
    }
    batch.append(']');
    return List.of(
        post(
            "/ingest",
            key,
            "{\"type\":\"page_view\",\"name\":\"pulse.warmup\",\"value\":1,"
                + "\"tags\":{\"browser\":\"none\"}}"),
        post("/api/v1/events", key, event),
        post("/api/v1/events/batch", key, batch.toString()),
        post(
            "/api/v1/metrics",
            key,
            "{\"name\":\"pulse.warmup\",\"value\":1.5,\"tags\":{\"host\":\"localhost\"}}"));
  }

  static Request post(String path, String key, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "X-Pulse-Key: "
            + key
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return new Request(path, out.toByteArray());
  }

  /** A kept-alive connection to the server. */
  static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(InetSocketAddress target) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      socket.connect(target, 2_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends {@code request} and reads the whole answer; returns its status. */
    int send(Request request) throws IOException {
      out.write(request.bytes());
      out.flush();
      return readResponse(in);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * Reads one HTTP/1.1 response (a body sized by Content-Length, or chunked) and returns its
   * status; the stream is left at the start of the next response.
   */
  static int readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    long length = 0;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("transfer-encoding")
          && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
        skip(in, size);
        line(in);
      }
      while (!line(in).isEmpty()) {
        // trailers
      }
    } else {
      skip(in, length);
    }
    return status;
  }

  private static long chunkSize(String line) {
    int semicolon = line.indexOf(';');
    return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      if (in.read() < 0) {
        throw new IOException("connection closed inside a body");
      }
      left--;
    }
  }

  /** One line without its CRLF. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
