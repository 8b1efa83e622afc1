package dev.pulse.ingest.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRequestsTest {

  @Test
  void readsResponsesOneAfterAnotherOnAKeptAliveConnection() throws IOException {
    InputStream in =
        stream(
            "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                + "{\"id\":\"a\"}\n"
                + "HTTP/1.1 401 Unauthorized\r\ncontent-length: 2\r\n\r\n{}"
                + "HTTP/1.1 204 No Content\r\n\r\n");
    assertEquals(202, WarmupRequests.readResponse(in));
    assertEquals(401, WarmupRequests.readResponse(in));
    assertEquals(204, WarmupRequests.readResponse(in));
    assertEquals(-1, in.read());
  }

  @Test
  void readsChunkedBodiesToTheirEnd() throws IOException {
    InputStream in =
        stream(
            "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"id\"\r\n"
                + "6;ext=1\r\n:\"b\"}\n\r\n"
                + "0\r\n\r\n"
                + "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
    assertEquals(202, WarmupRequests.readResponse(in));
    assertEquals(503, WarmupRequests.readResponse(in));
    assertEquals(-1, in.read());
  }

  @Test
  void refusesWhatIsNotAnHttpResponseOrEndsEarly() {
    assertThrows(IOException.class, () -> WarmupRequests.readResponse(stream("SSH-2.0-x\r\n")));
    assertThrows(
        IOException.class,
        () ->
            WarmupRequests.readResponse(stream("HTTP/1.1 202 OK\r\nContent-Length: 9\r\n\r\n{}")));
  }

  @Test
  void everyIngestionEndpointGetsAWellFormedPostWithTheKey() {
    List<WarmupRequests.Request> all = WarmupRequests.all("pulse_warmup_k");
    assertEquals(
        List.of("/ingest", "/api/v1/events", "/api/v1/events/batch", "/api/v1/metrics"),
        all.stream().map(WarmupRequests.Request::path).toList());
    for (WarmupRequests.Request request : all) {
      String text = new String(request.bytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      String body = text.substring(split + 4);
      assertTrue(head.startsWith("POST " + request.path() + " HTTP/1.1\r\n"), head);
      assertTrue(head.contains("\r\nX-Pulse-Key: pulse_warmup_k"), head);
      assertTrue(
          head.contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length),
          head);
      assertTrue(body.startsWith("{") || body.startsWith("["), body);
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
