package dev.pulse.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.event.FieldError;
import dev.pulse.ingest.api.Intake;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventParserTest {

  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00.123456789Z");
  private static final Instant NOW_MICROS = Instant.parse("2026-11-23T09:00:00.123456Z");
  private static final String ID = "3f0c1c9e-8a4b-4d0e-9c55-5b7d6f0e2a11";

  // --- the canonical form -------------------------------------------------------------------

  @Test
  void writesCanonicalJsonWithEveryColumnOfAFullEvent() {
    EventParser.Result result =
        parse(
            """
                {"id": "%s", "type": "user.signup", "source": "web/app@eu-1",
                 "timestamp": "2026-11-22T08:30:00.250Z", "value": 12.5,
                 "tags": {"env": "prod", "plan": "pro"}, "payload": {"user": {"id": 7}, "ok": true}}
                """
                .formatted(ID),
            "acme");

    assertTrue(result.ok());
    assertEquals(List.of(), result.errors());
    JsonObject out = canonical(result);
    assertEquals(
        List.of(
            "id",
            "project",
            "type",
            "source",
            "occurred_at",
            "received_at",
            "value",
            "tags",
            "payload"),
        List.copyOf(out.keySet()));
    assertEquals(ID, out.getString("id"));
    assertEquals("acme", out.getString("project"));
    assertEquals("user.signup", out.getString("type"));
    assertEquals("web/app@eu-1", out.getString("source"));
    assertEquals(
        Instant.parse("2026-11-22T08:30:00.250Z"), Instant.parse(out.getString("occurred_at")));
    assertEquals(NOW_MICROS, Instant.parse(out.getString("received_at")));
    assertEquals(12.5, out.getJsonNumber("value").doubleValue());
    assertEquals(json("{\"env\": \"prod\", \"plan\": \"pro\"}"), out.getJsonObject("tags"));
    assertEquals(json("{\"user\": {\"id\": 7}, \"ok\": true}"), out.getJsonObject("payload"));
  }

  @Test
  void omitsValueAndPayloadAndWritesEmptyTagsWhenAbsent() {
    JsonObject out = canonical(parse("{\"type\": \"t\", \"source\": \"s\"}", "default"));

    assertEquals(
        List.of("id", "project", "type", "source", "occurred_at", "received_at", "tags"),
        List.copyOf(out.keySet()));
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, out.getJsonObject("tags"));
  }

  @Test
  void treatsExplicitNullOptionalFieldsAsAbsent() {
    JsonObject out =
        canonical(
            parse(
                """
                    {"id": null, "type": "t", "source": "s", "timestamp": null,
                     "value": null, "tags": null, "payload": null}
                    """,
                "default"));

    UUID.fromString(out.getString("id"));
    assertEquals(NOW_MICROS, Instant.parse(out.getString("occurred_at")));
    assertFalse(out.containsKey("value"));
    assertFalse(out.containsKey("payload"));
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, out.getJsonObject("tags"));
  }

  @Test
  void writesIntegerValueAsNumber() {
    JsonObject out = canonical(parse("{\"type\": \"t\", \"source\": \"s\", \"value\": 3}", "p"));

    assertEquals(3.0, out.getJsonNumber("value").doubleValue());
  }

  // --- id -----------------------------------------------------------------------------------

  @Test
  void assignsUuidWhenIdMissing() {
    String input = "{\"type\": \"t\", \"source\": \"s\"}";

    EventParser.Result first = parse(input, "p");
    EventParser.Result second = parse(input, "p");

    assertNotNull(first.event().id());
    assertEquals(first.event().id().toString(), canonical(first).getString("id"));
    assertNotEquals(first.event().id(), second.event().id());
  }

  @Test
  void keepsGivenId() {
    EventParser.Result result =
        parse("{\"id\": \"%s\", \"type\": \"t\", \"source\": \"s\"}".formatted(ID), "p");

    assertEquals(UUID.fromString(ID), result.event().id());
    assertEquals(ID, canonical(result).getString("id"));
  }

  @Test
  void writesUppercaseIdInCanonicalLowercase() {
    EventParser.Result result =
        parse(
            "{\"id\": \"%s\", \"type\": \"t\", \"source\": \"s\"}".formatted(ID.toUpperCase()),
            "p");

    assertEquals(ID, canonical(result).getString("id"));
  }

  @Test
  void rejectsIdThatIsNotAUuid() {
    assertOnlyErrorOn("id", parse("{\"id\": \"nope\", \"type\": \"t\", \"source\": \"s\"}", "p"));
  }

  @Test
  void rejectsIdWithShortenedGroupsThatJavaWouldAccept() {
    assertOnlyErrorOn(
        "id", parse("{\"id\": \"1-2-3-4-5\", \"type\": \"t\", \"source\": \"s\"}", "p"));
  }

  @Test
  void rejectsIdThatIsNotAString() {
    assertOnlyErrorOn("id", parse("{\"id\": 42, \"type\": \"t\", \"source\": \"s\"}", "p"));
  }

  // --- timestamp ----------------------------------------------------------------------------

  @Test
  void usesNowTruncatedToMicrosWhenTimestampMissing() {
    JsonObject out = canonical(parse("{\"type\": \"t\", \"source\": \"s\"}", "p"));

    assertEquals(NOW_MICROS, Instant.parse(out.getString("occurred_at")));
    assertEquals(NOW_MICROS, Instant.parse(out.getString("received_at")));
  }

  @Test
  void convertsTimestampWithOffsetToUtc() {
    JsonObject out =
        canonical(
            parse(
                "{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"2026-11-23T10:30:00.5+01:30\"}",
                "p"));

    String occurredAt = out.getString("occurred_at");
    assertTrue(occurredAt.endsWith("Z"), occurredAt);
    assertEquals(Instant.parse("2026-11-23T09:00:00.500Z"), Instant.parse(occurredAt));
  }

  @Test
  void truncatesTimestampToMicros() {
    JsonObject out =
        canonical(
            parse(
                "{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"2026-11-23T09:00:00.123456789Z\"}",
                "p"));

    assertEquals(NOW_MICROS, Instant.parse(out.getString("occurred_at")));
  }

  @Test
  void rejectsTimestampThatIsNotRfc3339() {
    assertOnlyErrorOn(
        "timestamp",
        parse("{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"yesterday\"}", "p"));
  }

  @Test
  void rejectsTimestampWithoutOffset() {
    assertOnlyErrorOn(
        "timestamp",
        parse("{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"2026-11-23T09:00:00\"}", "p"));
  }

  @Test
  void rejectsTimestampGivenAsNumber() {
    assertOnlyErrorOn(
        "timestamp", parse("{\"type\": \"t\", \"source\": \"s\", \"timestamp\": 1700000000}", "p"));
  }

  // --- value --------------------------------------------------------------------------------

  @Test
  void rejectsValueGivenAsString() {
    EventParser.Result result =
        parse("{\"type\": \"t\", \"source\": \"s\", \"value\": \"12\"}", "p");

    assertEquals(List.of(new FieldError("value", "value must be a number")), result.errors());
  }

  @Test
  void rejectsValueOutOfDoubleRange() {
    EventParser.Result result =
        parse("{\"type\": \"t\", \"source\": \"s\", \"value\": 1e400}", "p");

    assertEquals(
        List.of(new FieldError("value", "value is out of the range of a double")), result.errors());
  }

  // --- tags ---------------------------------------------------------------------------------

  @Test
  void rejectsTagsThatAreNotAnObject() {
    EventParser.Result result =
        parse("{\"type\": \"t\", \"source\": \"s\", \"tags\": [\"env\"]}", "p");

    assertEquals(
        List.of(new FieldError("tags", "tags must be an object of string values")),
        result.errors());
  }

  @Test
  void rejectsTagValuesThatAreNotStringsNamingTheTag() {
    EventParser.Result result =
        parse(
            "{\"type\": \"t\", \"source\": \"s\", \"tags\": {\"env\": \"prod\", \"port\": 8080, \"on\": true}}",
            "p");

    assertEquals(
        List.of(
            new FieldError("tags.port", "tag values must be strings"),
            new FieldError("tags.on", "tag values must be strings")),
        result.errors());
  }

  @Test
  void rejects33Tags() {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      tags.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }

    EventParser.Result result =
        parse("{\"type\": \"t\", \"source\": \"s\", \"tags\": {" + tags + "}}", "p");

    assertEquals(List.of(new FieldError("tags", "at most 32 tags, got 33")), result.errors());
  }

  @Test
  void rejectsTagKeyWithSpaces() {
    EventParser.Result result =
        parse("{\"type\": \"t\", \"source\": \"s\", \"tags\": {\"my env\": \"prod\"}}", "p");

    assertOnlyErrorOn("tags.my env", result);
  }

  // --- payload ------------------------------------------------------------------------------

  @Test
  void rejectsPayloadThatIsNotAnObject() {
    EventParser.Result result =
        parse("{\"type\": \"t\", \"source\": \"s\", \"payload\": [1, 2]}", "p");

    assertEquals(
        List.of(new FieldError("payload", "payload must be a JSON object")), result.errors());
  }

  @Test
  void acceptsPayloadOfExactly64KiB() {
    // {"b":"xxx..."} is 8 bytes plus the string
    EventParser.Result result = parse(withPayloadString("x".repeat(65_536 - 8)), "p");

    assertTrue(result.ok(), () -> result.errors().toString());
  }

  @Test
  void rejectsPayloadOver64KiB() {
    EventParser.Result result = parse(withPayloadString("x".repeat(65_536 - 7)), "p");

    assertEquals(
        List.of(new FieldError("payload", "payload is 65537 bytes; at most 65536 are allowed")),
        result.errors());
  }

  @Test
  void countsPayloadSizeInUtf8Bytes() {
    // each é is two bytes in UTF-8: 32765 of them plus 8 bytes of syntax is 65538 bytes
    EventParser.Result result = parse(withPayloadString("é".repeat(32_765)), "p");

    assertOnlyErrorOn("payload", result);
  }

  // --- type and source ----------------------------------------------------------------------

  @Test
  void reportsOnlyWrongTypeWhenTypeIsANumber() {
    EventParser.Result result = parse("{\"type\": 5, \"source\": \"s\"}", "p");

    assertEquals(List.of(new FieldError("type", "type must be a string")), result.errors());
  }

  @Test
  void reportsExplicitNullTypeAsRequired() {
    EventParser.Result result = parse("{\"type\": null, \"source\": \"s\"}", "p");

    assertEquals(List.of(new FieldError("type", "type is required")), result.errors());
  }

  @Test
  void reportsMissingTypeAsRequired() {
    EventParser.Result result = parse("{\"source\": \"s\"}", "p");

    assertEquals(List.of(new FieldError("type", "type is required")), result.errors());
  }

  @Test
  void rejectsTypeWithSpaces() {
    EventParser.Result result = parse("{\"type\": \"user signup\", \"source\": \"s\"}", "p");

    assertEquals(
        List.of(new FieldError("type", "type must be 1-100 characters of [A-Za-z0-9_.:-]")),
        result.errors());
  }

  @Test
  void reportsOnlyWrongTypeWhenSourceIsAnObject() {
    EventParser.Result result = parse("{\"type\": \"t\", \"source\": {}}", "p");

    assertEquals(List.of(new FieldError("source", "source must be a string")), result.errors());
  }

  @Test
  void reportsEveryProblemOfAnEventEachOnItsField() {
    EventParser.Result result =
        parse(
            """
                {"id": "x", "type": "bad type", "timestamp": "nope", "value": "1",
                 "tags": 5, "payload": "text"}
                """,
            "p");

    assertFalse(result.ok());
    assertNull(result.event());
    assertEquals(
        List.of("id", "type", "source", "timestamp", "value", "tags", "payload"),
        result.errors().stream().map(FieldError::field).toList());
    assertEquals("source is required", result.errors().get(2).message());
  }

  @Test
  void rejectsEventThatIsNotAnObject() {
    // Only objects reach EventParser: Intake.one answers for any other body.
    for (String body : List.of("[{\"type\": \"t\", \"source\": \"s\"}]", "null")) {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> readOne(body, (p, now) -> EventParser.read(p, "p", now), "Invalid event"));

      assertEquals(400, e.problem().status());
      assertEquals("Invalid event", e.problem().title());
      assertEquals(
          List.of(new Problem.Violation(null, "$", "the body must be a JSON object")),
          e.problem().errors());
    }
  }

  // --- PulseMetrics compatibility format ----------------------------------------------------

  @Test
  void compatUsesNameAsSource() {
    EventParser.Result result =
        parseCompat(
            "{\"type\": \"cpu.load\", \"name\": \"host-1\", \"value\": 0.75, \"tags\": {\"dc\": \"fra\"}}");

    JsonObject out = canonical(result);
    assertEquals("host-1", out.getString("source"));
    assertEquals("cpu.load", out.getString("type"));
    assertEquals(0.75, out.getJsonNumber("value").doubleValue());
    assertEquals(json("{\"dc\": \"fra\"}"), out.getJsonObject("tags"));
    assertFalse(out.containsKey("name"));
  }

  @Test
  void compatReportsMissingNameOnFieldName() {
    EventParser.Result result = parseCompat("{\"type\": \"t\", \"source\": \"s\"}");

    assertEquals(List.of(new FieldError("name", "name is required")), result.errors());
  }

  @Test
  void compatReportsInvalidNameOnFieldName() {
    EventParser.Result result = parseCompat("{\"type\": \"t\", \"name\": \"my host\"}");

    assertEquals(
        List.of(new FieldError("name", "name must be 1-200 characters of [A-Za-z0-9_.:/@-]")),
        result.errors());
  }

  @Test
  void compatReportsNonStringNameOnFieldName() {
    EventParser.Result result = parseCompat("{\"type\": \"t\", \"name\": 1}");

    assertEquals(List.of(new FieldError("name", "name must be a string")), result.errors());
  }

  @Test
  void compatRejectsMetricThatIsNotAnObject() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                readOne(
                    "\"cpu\"", (p, now) -> EventParser.readCompat(p, "p", now), "Invalid metric"));

    assertEquals(400, e.problem().status());
    assertEquals("Invalid metric", e.problem().title());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "the body must be a JSON object")),
        e.problem().errors());
  }

  @Test
  void compatParsesThroughIntakeLikeTheEndpoint() {
    List<ParsedEvent> parsed =
        readOne(
            "{\"type\": \"cpu.load\", \"name\": \"host-1\"}",
            (p, now) -> EventParser.readCompat(p, "p", now),
            "Invalid metric");

    assertEquals(1, parsed.size());
    assertEquals("host-1", json(parsed.get(0).json()).asJsonObject().getString("source"));
  }

  // --- nesting ------------------------------------------------------------------------------

  /**
   * Where a deeply nested value goes ({@code %s}) in a body, and the field the parser reports when
   * it lets the value through (null: the value is ignored, the event is valid).
   */
  record Shape(boolean compat, String template, String errorOn) {
    String with(String nested) {
      return template.formatted(nested);
    }
  }

  private static final List<Shape> SHAPES =
      List.of(
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"payload\":%s}", "payload"),
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"p\":%s}}", "payload"),
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"tags\":%s}", "tags"),
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"tags\":{\"k\":%s}}", "tags.k"),
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"unknown\":%s}", null),
          new Shape(false, "{\"id\":%s,\"type\":\"t\",\"source\":\"s\"}", "id"),
          new Shape(false, "{\"type\":%s,\"source\":\"s\"}", "type"),
          new Shape(false, "{\"type\":\"t\",\"source\":%s}", "source"),
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"timestamp\":%s}", "timestamp"),
          new Shape(false, "{\"type\":\"t\",\"source\":\"s\",\"value\":%s}", "value"),
          new Shape(true, "{\"type\":\"t\",\"name\":%s}", "name"),
          new Shape(true, "{\"type\":%s,\"name\":\"n\"}", "type"),
          new Shape(true, "{\"type\":\"t\",\"name\":\"n\",\"tags\":%s}", "tags"),
          new Shape(true, "{\"type\":\"t\",\"name\":\"n\",\"tags\":{\"k\":%s}}", "tags.k"),
          new Shape(true, "{\"type\":\"t\",\"name\":\"n\",\"payload\":%s}", null));

  static Stream<Arguments> tooDeep() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (int levels : new int[] {1001, 100_000}) {
      for (String kind : List.of("arrays", "objects")) {
        SHAPES.forEach(shape -> all.add(Arguments.of(levels, kind, shape)));
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} levels of {1} in {2}")
  @MethodSource("tooDeep")
  void answers400ForAValueNestedDeeperThanTheParserAllows(int levels, String kind, Shape shape) {
    String body = shape.with(nested(kind, levels));
    assertTrue(body.length() < MAX_BYTES);

    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> {
              if (shape.compat()) {
                parseCompat(body);
              } else {
                parse(body, "p");
              }
            });

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
    assertTrue(
        e.problem().detail().startsWith("the body is nested too deeply"), e.problem().detail());
    assertTrue(e.problem().detail().contains("1000"), e.problem().detail());
  }

  @ParameterizedTest(name = "{0} levels of {1}")
  @CsvSource({"1001, arrays", "1001, objects", "100000, arrays", "100000, objects"})
  void answers400ForABodyNestedDeeperThanTheParserAllows(int levels, String kind) {
    String body = nested(kind, levels);

    for (boolean compat : new boolean[] {false, true}) {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () ->
                  readOne(
                      body,
                      compat
                          ? (p, now) -> EventParser.readCompat(p, "p", now)
                          : (p, now) -> EventParser.read(p, "p", now),
                      "Invalid event"));

      assertEquals(400, e.problem().status());
      if (kind.equals("arrays")) { // refused at the first [, before the parser goes deeper
        assertEquals(
            List.of(new Problem.Violation(null, "$", "the body must be a JSON object")),
            e.problem().errors());
      } else {
        assertEquals("urn:pulse:problem:malformed-json", e.problem().type());
        assertTrue(
            e.problem().detail().startsWith("the body is nested too deeply"), e.problem().detail());
      }
    }
  }

  @Test
  void copiesAPayloadNestedDeepButWithinTheParserLimit() {
    String payload =
        "{\"p\":" + nested("objects", 450) + "," + "\"q\":" + nested("arrays", 450) + "}";

    JsonObject out =
        canonical(parse("{\"type\":\"t\",\"source\":\"s\",\"payload\":" + payload + "}", "p"));

    assertEquals(json(payload), out.getJsonObject("payload"));
  }

  /**
   * A parser that lets 100,000 levels through (a Parsson setting; the default stops at 1000), to
   * show that EventParser itself never recurses per level: deep values are skipped or copied in a
   * loop, without a StackOverflowError.
   */
  private static final JsonParserFactory UNLIMITED =
      Json.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", 1_000_000));

  static Stream<Arguments> veryDeep() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (String kind : List.of("arrays", "objects")) {
      SHAPES.forEach(shape -> all.add(Arguments.of(100_000, kind, shape)));
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} levels of {1} in {2}")
  @MethodSource("veryDeep")
  void readsAValueNested100000LevelsDeepWithoutRecursing(int levels, String kind, Shape shape) {
    byte[] body = shape.with(nested(kind, levels)).getBytes(StandardCharsets.UTF_8);

    try (JsonParser parser = UNLIMITED.createParser(new ByteArrayInputStream(body))) {
      assertEquals(JsonParser.Event.START_OBJECT, parser.next());
      EventParser.Result result =
          shape.compat()
              ? EventParser.readCompat(parser, "p", NOW)
              : EventParser.read(parser, "p", NOW);

      assertFalse(parser.hasNext(), "the whole body is consumed");
      if (shape.errorOn() == null) {
        assertTrue(result.ok(), () -> result.errors().toString());
      } else {
        assertFalse(result.ok());
        assertTrue(
            result.errors().stream().allMatch(err -> err.field().startsWith(shape.errorOn())),
            () -> result.errors().toString());
      }
    }
  }

  /** A value of {@code levels} nested arrays, or objects each holding the next as "a". */
  private static String nested(String kind, int levels) {
    return kind.equals("arrays")
        ? "[".repeat(levels) + "]".repeat(levels)
        : "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  // --- helpers ------------------------------------------------------------------------------

  @Test
  void escapesQuotesBackslashesAndControlCharactersInCanonicalJson() {
    String tricky = "say \"hi\"\\ \n\t\r \u0001 \u00e9 \u2603 \ud83d\ude00";
    JsonObject in =
        Json.createObjectBuilder()
            .add("type", "t")
            .add("source", "s")
            .add("tags", Json.createObjectBuilder().add("note", tricky))
            .add("payload", Json.createObjectBuilder().add("text", tricky))
            .build();

    JsonObject out = canonical(parse(in.toString(), "default"));

    assertEquals(tricky, out.getJsonObject("tags").getString("note"));
    assertEquals(tricky, out.getJsonObject("payload").getString("text"));
  }

  @Test
  void rejectsWhatPostgresJsonbWouldRefuseLater() {
    assertOnlyErrorOn(
        "payload",
        parse("{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":\"a\\u0000b\"}}", "default"));
    assertOnlyErrorOn(
        "payload",
        parse("{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":[1e400]}}", "default"));
    assertOnlyErrorOn(
        "tags.k",
        parse("{\"type\":\"t\",\"source\":\"s\",\"tags\":{\"k\":\"a\\u0000\"}}", "default"));
    assertTrue(
        parse(
                "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":[1e300,-0.5,12345678901234567890]}}",
                "default")
            .ok());
  }

  private static String withPayloadString(String s) {
    return Json.createObjectBuilder()
        .add("type", "t")
        .add("source", "s")
        .add("payload", Json.createObjectBuilder().add("b", s))
        .build()
        .toString();
  }

  private static void assertOnlyErrorOn(String field, EventParser.Result result) {
    assertFalse(result.ok());
    assertEquals(1, result.errors().size(), () -> result.errors().toString());
    assertEquals(field, result.errors().get(0).field());
  }

  private static JsonObject canonical(EventParser.Result result) {
    assertTrue(result.ok(), () -> result.errors().toString());
    JsonObject out = json(result.event().json()).asJsonObject();
    assertEquals(result.event().id(), UUID.fromString(out.getString("id")));
    return out;
  }

  /** The default body limit of the ingestion endpoints (PULSE_MAX_BODY_BYTES). */
  private static final int MAX_BYTES = 1_048_576;

  /**
   * Reads {@code json} as production reads a native event: the bytes through {@link
   * RequestBodies#read} into {@link EventParser#read}.
   */
  private static EventParser.Result parse(String json, String project) {
    return RequestBodies.read(
        body(json),
        MAX_BYTES,
        parser -> {
          assertEquals(JsonParser.Event.START_OBJECT, parser.next(), json);
          return EventParser.read(parser, project, NOW);
        });
  }

  /** Like {@link #parse} for the PulseMetrics format, through {@link EventParser#readCompat}. */
  private static EventParser.Result parseCompat(String json) {
    return RequestBodies.read(
        body(json),
        MAX_BYTES,
        parser -> {
          assertEquals(JsonParser.Event.START_OBJECT, parser.next(), json);
          return EventParser.readCompat(parser, "p", NOW);
        });
  }

  /** Reads {@code json} exactly as the single-event endpoints do, through {@link Intake#one}. */
  private static List<ParsedEvent> readOne(
      String json, BiFunction<JsonParser, Instant, EventParser.Result> read, String title) {
    return RequestBodies.read(body(json), MAX_BYTES, parser -> Intake.one(parser, read, title));
  }

  private static InputStream body(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonValue json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
