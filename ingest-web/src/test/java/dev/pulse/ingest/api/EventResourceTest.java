package dev.pulse.ingest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ingest.intake.ParsedEvent;
import dev.pulse.ingest.intake.RequestBodies;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventResourceTest {

  @Test
  void rejectsBatchThatIsNotAnArray() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> parseBatch(event(UUID.randomUUID(), "t").toString(), "default"));

    assertEquals(400, e.problem().status());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "a batch must be a JSON array of events")),
        e.problem().errors());
  }

  @Test
  void rejectsEmptyBatch() {
    ProblemException e = assertThrows(ProblemException.class, () -> parseBatch("[]", "default"));

    assertEquals(400, e.problem().status());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "a batch holds 1-1000 events, got 0")),
        e.problem().errors());
  }

  @Test
  void rejectsBatchOf1001Events() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> parseBatch(batchOf(1001), "default"));

    assertEquals(400, e.problem().status());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "a batch holds 1-1000 events, got 1001")),
        e.problem().errors());
  }

  @Test
  void acceptsBatchOf1000Events() {
    assertEquals(1000, parseBatch(batchOf(1000), "default").size());
  }

  @Test
  void rejectsWholeBatchNamingTheIndexOfTheBadItem() {
    String batch =
        Json.createArrayBuilder()
            .add(event(UUID.randomUUID(), "a"))
            .add(Json.createObjectBuilder().add("source", "s"))
            .add(event(UUID.randomUUID(), "c"))
            .build()
            .toString();

    ProblemException e = assertThrows(ProblemException.class, () -> parseBatch(batch, "default"));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:invalid-event", e.problem().type());
    assertEquals(
        List.of(new Problem.Violation(1, "type", "type is required")), e.problem().errors());
  }

  @Test
  void reportsEveryErrorOfEveryBadItemWithItsIndex() {
    String batch =
        """
            [{"type": "ok", "source": "s"},
             {"type": 1, "source": "s", "value": "x"},
             {"type": "ok", "source": "s"},
             42]
            """;

    ProblemException e = assertThrows(ProblemException.class, () -> parseBatch(batch, "default"));

    assertEquals(
        List.of(
            new Problem.Violation(1, "type", "type must be a string"),
            new Problem.Violation(1, "value", "value must be a number"),
            new Problem.Violation(3, "$", "an event must be a JSON object")),
        e.problem().errors());
    assertEquals("3 fields are invalid", e.problem().detail());
  }

  @Test
  void returnsEveryEventOfAGoodBatchInOrder() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    String batch =
        Json.createArrayBuilder()
            .add(event(first, "a"))
            .add(event(second, "b"))
            .add(event(third, "c"))
            .build()
            .toString();

    List<ParsedEvent> parsed = parseBatch(batch, "default");

    assertEquals(List.of(first, second, third), parsed.stream().map(ParsedEvent::id).toList());
    assertEquals(
        List.of("a", "b", "c"), parsed.stream().map(p -> object(p).getString("type")).toList());
    assertEquals(
        List.of("default", "default", "default"),
        parsed.stream().map(p -> object(p).getString("project")).toList());
  }

  @Test
  void stampsEveryEventOfABatchWithTheSameReceivedAt() {
    List<ParsedEvent> parsed = parseBatch(batchOf(50), "default");

    assertEquals(
        1, parsed.stream().map(p -> object(p).getString("received_at")).distinct().count());
  }

  // --- nesting ------------------------------------------------------------------------------

  static Stream<Arguments> tooDeep() {
    List<String> shapes =
        List.of(
            "[%s]",
            "[{\"type\":\"t\",\"source\":\"s\"},%s]",
            "[{\"type\":\"t\",\"source\":\"s\",\"payload\":%s}]",
            "[{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"p\":%s}}]",
            "[{\"type\":\"t\",\"source\":\"s\",\"tags\":%s}]",
            "[{\"type\":\"t\",\"source\":\"s\",\"tags\":{\"k\":%s}}]");
    Stream.Builder<Arguments> all = Stream.builder();
    for (int levels : new int[] {1001, 100_000}) {
      for (String kind : List.of("arrays", "objects")) {
        shapes.forEach(shape -> all.add(Arguments.of(levels, kind, shape)));
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} levels of {1} in {2}")
  @MethodSource("tooDeep")
  void answers400ForABatchItemNestedDeeperThanTheParserAllows(
      int levels, String kind, String shape) {
    String batch = shape.formatted(nested(kind, levels));
    assertTrue(batch.length() < MAX_BYTES);

    ProblemException e = assertThrows(ProblemException.class, () -> parseBatch(batch, "default"));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
    assertTrue(
        e.problem().detail().startsWith("the body is nested too deeply"), e.problem().detail());
  }

  @ParameterizedTest(name = "{0} levels of {1}")
  @CsvSource({"1001, arrays", "1001, objects", "100000, arrays", "100000, objects"})
  void answers400ForABatchBodyNestedDeeperThanTheParserAllows(int levels, String kind) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> parseBatch(nested(kind, levels), "default"));

    assertEquals(400, e.problem().status());
    if (kind.equals("objects")) { // refused at the first {, before the parser goes deeper
      assertEquals(
          List.of(new Problem.Violation(null, "$", "a batch must be a JSON array of events")),
          e.problem().errors());
    } else {
      assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
    }
  }

  @Test
  void skipsABatchItemNested100000LevelsDeepWithoutRecursing() {
    // Parsson stops at 1000 levels by default; this parser lets 100,000 through to show that
    // parseBatch skips a deep item in a loop rather than recursing per level.
    JsonParserFactory unlimited =
        Json.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", 1_000_000));
    String batch = "[" + nested("arrays", 100_000) + "," + nested("objects", 100_000) + "]";

    try (JsonParser parser =
        unlimited.createParser(new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8)))) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> EventResource.parseBatch(parser, "default"));

      assertEquals(
          List.of(
              new Problem.Violation(0, "$", "an event must be a JSON object"),
              new Problem.Violation(1, "type", "type is required"),
              new Problem.Violation(1, "source", "source is required")),
          e.problem().errors());
      assertFalse(parser.hasNext());
    }
  }

  /** {@code levels} nested arrays, or objects each holding the next as "a". */
  private static String nested(String kind, int levels) {
    return kind.equals("arrays")
        ? "[".repeat(levels) + "]".repeat(levels)
        : "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  // --- helpers ------------------------------------------------------------------------------

  /** The default body limit of the ingestion endpoints (PULSE_MAX_BODY_BYTES). */
  private static final int MAX_BYTES = 1_048_576;

  /** Reads {@code json} as the batch endpoint does: the bytes through the streaming parser. */
  private static List<ParsedEvent> parseBatch(String json, String project) {
    return RequestBodies.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        MAX_BYTES,
        parser -> EventResource.parseBatch(parser, project));
  }

  private static String batchOf(int size) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int i = 0; i < size; i++) {
      items.add(event(UUID.randomUUID(), "t" + i));
    }
    return items.build().toString();
  }

  private static JsonObject event(UUID id, String type) {
    return Json.createObjectBuilder()
        .add("id", id.toString())
        .add("type", type)
        .add("source", "s")
        .build();
  }

  private static JsonObject object(ParsedEvent event) {
    return json(event.json()).asJsonObject();
  }

  private static JsonValue json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
