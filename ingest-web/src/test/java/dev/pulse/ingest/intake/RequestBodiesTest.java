package dev.pulse.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  @Test
  void returnsTheJsonOfAValidBody() {
    JsonValue value =
        RequestBodies.readJson(body("{\"type\": \"t\", \"tags\": {\"a\": \"b\"}}"), 1024);

    assertEquals(
        Json.createObjectBuilder()
            .add("type", "t")
            .add("tags", Json.createObjectBuilder().add("a", "b"))
            .build(),
        value);
  }

  @Test
  void returnsArraysToo() {
    assertEquals(
        JsonValue.ValueType.ARRAY, RequestBodies.readJson(body("[1, 2]"), 1024).getValueType());
  }

  @Test
  void acceptsBodyOfExactlyTheLimit() {
    String json = "{\"a\":\"12\"}";
    assertEquals(10, json.length());

    assertEquals(
        Json.createObjectBuilder().add("a", "12").build(), RequestBodies.readJson(body(json), 10));
  }

  @Test
  void answers413ForBodyOverTheLimit() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> RequestBodies.readJson(body("{\"a\":\"123\"}"), 10));

    assertEquals(413, e.problem().status());
    assertEquals("urn:pulse:problem:body-too-large", e.problem().type());
  }

  @Test
  void stopsReadingOneByteOverTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestBodies.readJson(endless, 1000));

    assertEquals(413, e.problem().status());
    assertEquals(1001, endless.read);
  }

  @Test
  void answers400ForMalformedJsonWithItsPosition() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> RequestBodies.readJson(body("{\"type\": }"), 1024));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
    assertTrue(e.problem().detail().contains("line 1"), e.problem().detail());
  }

  @Test
  void answers400ForTruncatedJson() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> RequestBodies.readJson(body("[{\"a\": 1}"), 1024));

    assertEquals(400, e.problem().status());
  }

  @Test
  void answers400ForTrailingGarbage() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestBodies.readJson(body("{} x"), 1024));

    assertEquals(400, e.problem().status());
  }

  @Test
  void answers400ForTwoConcatenatedDocumentsRatherThanDroppingTheSecond() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> RequestBodies.readJson(body("[{\"a\": 1}] [{\"b\": 2}]"), 1024));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
  }

  @Test
  void acceptsTrailingWhitespace() {
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, RequestBodies.readJson(body("[] \r\n\t "), 1024));
  }

  @Test
  void answers400ForEmptyBody() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestBodies.readJson(body(""), 1024));

    assertEquals(400, e.problem().status());
    assertEquals("the request body is empty", e.problem().detail());
  }

  @Test
  void answers400ForWhitespaceOnlyBody() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestBodies.readJson(body("  \n "), 1024));

    assertEquals(400, e.problem().status());
  }

  @Test
  void answers400WhenTheBodyCannotBeRead() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestBodies.readJson(broken, 1024));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:unreadable-body", e.problem().type());
  }

  private static InputStream body(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** An endless body of spaces that counts the bytes handed out. */
  private static final class CountingEndlessStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return ' ';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) ' ');
      read += len;
      return len;
    }
  }
}
