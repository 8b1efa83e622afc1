package dev.pulse.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestBodiesTest {

  @Test
  void returnsTheJsonOfAValidBody() {
    JsonValue value = readValue(body("{\"type\": \"t\", \"tags\": {\"a\": \"b\"}}"), 1024);

    assertEquals(
        Json.createObjectBuilder()
            .add("type", "t")
            .add("tags", Json.createObjectBuilder().add("a", "b"))
            .build(),
        value);
  }

  @Test
  void returnsArraysToo() {
    assertEquals(JsonValue.ValueType.ARRAY, readValue(body("[1, 2]"), 1024).getValueType());
  }

  @Test
  void acceptsBodyOfExactlyTheLimit() {
    String json = "{\"a\":\"12\"}";
    assertEquals(10, json.length());

    assertEquals(Json.createObjectBuilder().add("a", "12").build(), readValue(body(json), 10));
  }

  @Test
  void answers413ForBodyOverTheLimit() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> readValue(body("{\"a\":\"123\"}"), 10));

    assertEquals(413, e.problem().status());
    assertEquals("urn:pulse:problem:body-too-large", e.problem().type());
  }

  @Test
  void stopsReadingOneByteOverTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    ProblemException e = assertThrows(ProblemException.class, () -> readValue(endless, 1000));

    assertEquals(413, e.problem().status());
    assertEquals(1001, endless.read);
  }

  @Test
  void answers400ForMalformedJsonWithItsPosition() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> readValue(body("{\"type\": }"), 1024));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
    assertTrue(e.problem().detail().contains("line 1"), e.problem().detail());
  }

  @Test
  void answers400ForTruncatedJson() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> readValue(body("[{\"a\": 1}"), 1024));

    assertEquals(400, e.problem().status());
  }

  @Test
  void answers400ForTrailingGarbage() {
    ProblemException e = assertThrows(ProblemException.class, () -> readValue(body("{} x"), 1024));

    assertEquals(400, e.problem().status());
  }

  @Test
  void answers400ForTwoConcatenatedDocumentsRatherThanDroppingTheSecond() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> readValue(body("[{\"a\": 1}] [{\"b\": 2}]"), 1024));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
  }

  @Test
  void acceptsTrailingWhitespace() {
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, readValue(body("[] \r\n\t "), 1024));
  }

  @Test
  void answers400ForEmptyBody() {
    ProblemException e = assertThrows(ProblemException.class, () -> readValue(body(""), 1024));

    assertEquals(400, e.problem().status());
    assertEquals("the request body is empty", e.problem().detail());
  }

  @Test
  void answers400ForWhitespaceOnlyBody() {
    ProblemException e = assertThrows(ProblemException.class, () -> readValue(body("  \n "), 1024));

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

    ProblemException e = assertThrows(ProblemException.class, () -> readValue(broken, 1024));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:unreadable-body", e.problem().type());
  }

  // --- nesting ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} levels of {1}")
  @CsvSource({
    "1000, arrays",
    "1000, objects",
    "1001, arrays",
    "1001, objects",
    "100000, arrays",
    "100000, objects"
  })
  void answers400ForJsonNestedDeeperThanTheParserAllows(int levels, String kind) {
    String json = nested(kind, levels);
    assertTrue(json.length() < 1_048_576);

    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> RequestBodies.read(body(json), 1_048_576, RequestBodiesTest::skipOneValue));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
    assertEquals("Malformed JSON", e.problem().title());
    // Parsson refuses to enter the 1000th level
    assertTrue(
        e.problem()
            .detail()
            .startsWith(
                "the body is nested too deeply: arrays and objects cannot be nested 1000 or more"
                    + " levels deep at line 1, column "),
        e.problem().detail());
  }

  @Test
  void acceptsNestingWithinTheParserLimit() {
    for (String kind : List.of("arrays", "objects")) {
      assertEquals(
          999,
          RequestBodies.read(
              body(nested(kind, 999)), 1_048_576, RequestBodiesTest::deepestLevelOfOneValue),
          kind);
    }
  }

  @Test
  void leavesARuntimeExceptionOfTheReaderAlone() {
    RuntimeException bug = new RuntimeException("Input is too deeply nested 1,000");

    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                RequestBodies.read(
                    body("[[1]]"),
                    1024,
                    parser -> {
                      parser.next();
                      throw bug;
                    }));

    assertSame(bug, thrown);
  }

  @Test
  void leavesAProblemOfTheReaderAlone() {
    ProblemException problem =
        new ProblemException(Problem.badRequest("x", "X", "nested too deeply in the reader"));

    ProblemException thrown =
        assertThrows(
            ProblemException.class,
            () ->
                RequestBodies.read(
                    body("[[1]]"),
                    1024,
                    parser -> {
                      throw problem;
                    }));

    assertSame(problem, thrown);
  }

  /** {@code levels} nested arrays, or objects each holding the next as "a". */
  private static String nested(String kind, int levels) {
    return kind.equals("arrays")
        ? "[".repeat(levels) + "]".repeat(levels)
        : "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  /** Consumes one value as production skips values, without building a tree. */
  private static Void skipOneValue(JsonParser parser) {
    EventParser.skipValue(parser, parser.next());
    return null;
  }

  /** Consumes one value, returning how deep its arrays and objects nest. */
  private static int deepestLevelOfOneValue(JsonParser parser) {
    int depth = 0;
    int deepest = 0;
    do {
      switch (parser.next()) {
        case START_ARRAY, START_OBJECT -> deepest = Math.max(deepest, ++depth);
        case END_ARRAY, END_OBJECT -> depth--;
        default -> {}
      }
    } while (depth > 0);
    return deepest;
  }

  /** Reads the body as one JSON value (a tree) through {@link RequestBodies#read}. */
  private static JsonValue readValue(InputStream body, int maxBytes) {
    return RequestBodies.read(
        body,
        maxBytes,
        parser -> {
          parser.next();
          return parser.getValue();
        });
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
