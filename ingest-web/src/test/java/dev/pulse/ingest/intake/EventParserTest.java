package dev.pulse.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.event.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventParserTest {

  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00.123456789Z");
  private static final Instant NOW_MICROS = Instant.parse("2026-11-23T09:00:00.123456Z");
  private static final String ID = "3f0c1c9e-8a4b-4d0e-9c55-5b7d6f0e2a11";

  // --- the canonical form -------------------------------------------------------------------

  @Test
  void writesCanonicalJsonWithEveryColumnOfAFullEvent() {
    EventParser.Result result =
        EventParser.parse(
            json(
                """
                {"id": "%s", "type": "user.signup", "source": "web/app@eu-1",
                 "timestamp": "2026-11-22T08:30:00.250Z", "value": 12.5,
                 "tags": {"env": "prod", "plan": "pro"}, "payload": {"user": {"id": 7}, "ok": true}}
                """
                    .formatted(ID)),
            "acme",
            NOW);

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
    JsonObject out =
        canonical(EventParser.parse(json("{\"type\": \"t\", \"source\": \"s\"}"), "default", NOW));

    assertEquals(
        List.of("id", "project", "type", "source", "occurred_at", "received_at", "tags"),
        List.copyOf(out.keySet()));
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, out.getJsonObject("tags"));
  }

  @Test
  void treatsExplicitNullOptionalFieldsAsAbsent() {
    JsonObject out =
        canonical(
            EventParser.parse(
                json(
                    """
                    {"id": null, "type": "t", "source": "s", "timestamp": null,
                     "value": null, "tags": null, "payload": null}
                    """),
                "default",
                NOW));

    UUID.fromString(out.getString("id"));
    assertEquals(NOW_MICROS, Instant.parse(out.getString("occurred_at")));
    assertFalse(out.containsKey("value"));
    assertFalse(out.containsKey("payload"));
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, out.getJsonObject("tags"));
  }

  @Test
  void writesIntegerValueAsNumber() {
    JsonObject out =
        canonical(
            EventParser.parse(
                json("{\"type\": \"t\", \"source\": \"s\", \"value\": 3}"), "p", NOW));

    assertEquals(3.0, out.getJsonNumber("value").doubleValue());
  }

  // --- id -----------------------------------------------------------------------------------

  @Test
  void assignsUuidWhenIdMissing() {
    JsonValue input = json("{\"type\": \"t\", \"source\": \"s\"}");

    EventParser.Result first = EventParser.parse(input, "p", NOW);
    EventParser.Result second = EventParser.parse(input, "p", NOW);

    assertNotNull(first.event().id());
    assertEquals(first.event().id().toString(), canonical(first).getString("id"));
    assertNotEquals(first.event().id(), second.event().id());
  }

  @Test
  void keepsGivenId() {
    EventParser.Result result =
        EventParser.parse(
            json("{\"id\": \"%s\", \"type\": \"t\", \"source\": \"s\"}".formatted(ID)), "p", NOW);

    assertEquals(UUID.fromString(ID), result.event().id());
    assertEquals(ID, canonical(result).getString("id"));
  }

  @Test
  void writesUppercaseIdInCanonicalLowercase() {
    EventParser.Result result =
        EventParser.parse(
            json(
                "{\"id\": \"%s\", \"type\": \"t\", \"source\": \"s\"}".formatted(ID.toUpperCase())),
            "p",
            NOW);

    assertEquals(ID, canonical(result).getString("id"));
  }

  @Test
  void rejectsIdThatIsNotAUuid() {
    assertOnlyErrorOn(
        "id",
        EventParser.parse(
            json("{\"id\": \"nope\", \"type\": \"t\", \"source\": \"s\"}"), "p", NOW));
  }

  @Test
  void rejectsIdWithShortenedGroupsThatJavaWouldAccept() {
    assertOnlyErrorOn(
        "id",
        EventParser.parse(
            json("{\"id\": \"1-2-3-4-5\", \"type\": \"t\", \"source\": \"s\"}"), "p", NOW));
  }

  @Test
  void rejectsIdThatIsNotAString() {
    assertOnlyErrorOn(
        "id",
        EventParser.parse(json("{\"id\": 42, \"type\": \"t\", \"source\": \"s\"}"), "p", NOW));
  }

  // --- timestamp ----------------------------------------------------------------------------

  @Test
  void usesNowTruncatedToMicrosWhenTimestampMissing() {
    JsonObject out =
        canonical(EventParser.parse(json("{\"type\": \"t\", \"source\": \"s\"}"), "p", NOW));

    assertEquals(NOW_MICROS, Instant.parse(out.getString("occurred_at")));
    assertEquals(NOW_MICROS, Instant.parse(out.getString("received_at")));
  }

  @Test
  void convertsTimestampWithOffsetToUtc() {
    JsonObject out =
        canonical(
            EventParser.parse(
                json(
                    "{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"2026-11-23T10:30:00.5+01:30\"}"),
                "p",
                NOW));

    String occurredAt = out.getString("occurred_at");
    assertTrue(occurredAt.endsWith("Z"), occurredAt);
    assertEquals(Instant.parse("2026-11-23T09:00:00.500Z"), Instant.parse(occurredAt));
  }

  @Test
  void truncatesTimestampToMicros() {
    JsonObject out =
        canonical(
            EventParser.parse(
                json(
                    "{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"2026-11-23T09:00:00.123456789Z\"}"),
                "p",
                NOW));

    assertEquals(NOW_MICROS, Instant.parse(out.getString("occurred_at")));
  }

  @Test
  void rejectsTimestampThatIsNotRfc3339() {
    assertOnlyErrorOn(
        "timestamp",
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"yesterday\"}"), "p", NOW));
  }

  @Test
  void rejectsTimestampWithoutOffset() {
    assertOnlyErrorOn(
        "timestamp",
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"timestamp\": \"2026-11-23T09:00:00\"}"),
            "p",
            NOW));
  }

  @Test
  void rejectsTimestampGivenAsNumber() {
    assertOnlyErrorOn(
        "timestamp",
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"timestamp\": 1700000000}"), "p", NOW));
  }

  // --- value --------------------------------------------------------------------------------

  @Test
  void rejectsValueGivenAsString() {
    EventParser.Result result =
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"value\": \"12\"}"), "p", NOW);

    assertEquals(List.of(new FieldError("value", "value must be a number")), result.errors());
  }

  @Test
  void rejectsValueOutOfDoubleRange() {
    EventParser.Result result =
        EventParser.parse(json("{\"type\": \"t\", \"source\": \"s\", \"value\": 1e400}"), "p", NOW);

    assertEquals(
        List.of(new FieldError("value", "value is out of the range of a double")), result.errors());
  }

  // --- tags ---------------------------------------------------------------------------------

  @Test
  void rejectsTagsThatAreNotAnObject() {
    EventParser.Result result =
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"tags\": [\"env\"]}"), "p", NOW);

    assertEquals(
        List.of(new FieldError("tags", "tags must be an object of string values")),
        result.errors());
  }

  @Test
  void rejectsTagValuesThatAreNotStringsNamingTheTag() {
    EventParser.Result result =
        EventParser.parse(
            json(
                "{\"type\": \"t\", \"source\": \"s\", \"tags\": {\"env\": \"prod\", \"port\": 8080, \"on\": true}}"),
            "p",
            NOW);

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
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"tags\": {" + tags + "}}"), "p", NOW);

    assertEquals(List.of(new FieldError("tags", "at most 32 tags, got 33")), result.errors());
  }

  @Test
  void rejectsTagKeyWithSpaces() {
    EventParser.Result result =
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"tags\": {\"my env\": \"prod\"}}"),
            "p",
            NOW);

    assertOnlyErrorOn("tags.my env", result);
  }

  // --- payload ------------------------------------------------------------------------------

  @Test
  void rejectsPayloadThatIsNotAnObject() {
    EventParser.Result result =
        EventParser.parse(
            json("{\"type\": \"t\", \"source\": \"s\", \"payload\": [1, 2]}"), "p", NOW);

    assertEquals(
        List.of(new FieldError("payload", "payload must be a JSON object")), result.errors());
  }

  @Test
  void acceptsPayloadOfExactly64KiB() {
    // {"b":"xxx..."} is 8 bytes plus the string
    EventParser.Result result =
        EventParser.parse(withPayloadString("x".repeat(65_536 - 8)), "p", NOW);

    assertTrue(result.ok(), () -> result.errors().toString());
  }

  @Test
  void rejectsPayloadOver64KiB() {
    EventParser.Result result =
        EventParser.parse(withPayloadString("x".repeat(65_536 - 7)), "p", NOW);

    assertEquals(
        List.of(new FieldError("payload", "payload is 65537 bytes; at most 65536 are allowed")),
        result.errors());
  }

  @Test
  void countsPayloadSizeInUtf8Bytes() {
    // each é is two bytes in UTF-8: 32765 of them plus 8 bytes of syntax is 65538 bytes
    EventParser.Result result = EventParser.parse(withPayloadString("é".repeat(32_765)), "p", NOW);

    assertOnlyErrorOn("payload", result);
  }

  // --- type and source ----------------------------------------------------------------------

  @Test
  void reportsOnlyWrongTypeWhenTypeIsANumber() {
    EventParser.Result result =
        EventParser.parse(json("{\"type\": 5, \"source\": \"s\"}"), "p", NOW);

    assertEquals(List.of(new FieldError("type", "type must be a string")), result.errors());
  }

  @Test
  void reportsExplicitNullTypeAsRequired() {
    EventParser.Result result =
        EventParser.parse(json("{\"type\": null, \"source\": \"s\"}"), "p", NOW);

    assertEquals(List.of(new FieldError("type", "type is required")), result.errors());
  }

  @Test
  void reportsMissingTypeAsRequired() {
    EventParser.Result result = EventParser.parse(json("{\"source\": \"s\"}"), "p", NOW);

    assertEquals(List.of(new FieldError("type", "type is required")), result.errors());
  }

  @Test
  void rejectsTypeWithSpaces() {
    EventParser.Result result =
        EventParser.parse(json("{\"type\": \"user signup\", \"source\": \"s\"}"), "p", NOW);

    assertEquals(
        List.of(new FieldError("type", "type must be 1-100 characters of [A-Za-z0-9_.:-]")),
        result.errors());
  }

  @Test
  void reportsOnlyWrongTypeWhenSourceIsAnObject() {
    EventParser.Result result =
        EventParser.parse(json("{\"type\": \"t\", \"source\": {}}"), "p", NOW);

    assertEquals(List.of(new FieldError("source", "source must be a string")), result.errors());
  }

  @Test
  void reportsEveryProblemOfAnEventEachOnItsField() {
    EventParser.Result result =
        EventParser.parse(
            json(
                """
                {"id": "x", "type": "bad type", "timestamp": "nope", "value": "1",
                 "tags": 5, "payload": "text"}
                """),
            "p",
            NOW);

    assertFalse(result.ok());
    assertNull(result.event());
    assertEquals(
        List.of("id", "type", "source", "timestamp", "value", "tags", "payload"),
        result.errors().stream().map(FieldError::field).toList());
    assertEquals("source is required", result.errors().get(2).message());
  }

  @Test
  void rejectsEventThatIsNotAnObject() {
    assertEquals(
        List.of(new FieldError("$", "an event must be a JSON object")),
        EventParser.parse(json("[{\"type\": \"t\", \"source\": \"s\"}]"), "p", NOW).errors());
    assertEquals(
        List.of(new FieldError("$", "an event must be a JSON object")),
        EventParser.parse(JsonValue.NULL, "p", NOW).errors());
  }

  // --- PulseMetrics compatibility format ----------------------------------------------------

  @Test
  void compatUsesNameAsSource() {
    EventParser.Result result =
        EventParser.parseCompat(
            json(
                "{\"type\": \"cpu.load\", \"name\": \"host-1\", \"value\": 0.75, \"tags\": {\"dc\": \"fra\"}}"),
            "p",
            NOW);

    JsonObject out = canonical(result);
    assertEquals("host-1", out.getString("source"));
    assertEquals("cpu.load", out.getString("type"));
    assertEquals(0.75, out.getJsonNumber("value").doubleValue());
    assertEquals(json("{\"dc\": \"fra\"}"), out.getJsonObject("tags"));
    assertFalse(out.containsKey("name"));
  }

  @Test
  void compatReportsMissingNameOnFieldName() {
    EventParser.Result result =
        EventParser.parseCompat(json("{\"type\": \"t\", \"source\": \"s\"}"), "p", NOW);

    assertEquals(List.of(new FieldError("name", "name is required")), result.errors());
  }

  @Test
  void compatReportsInvalidNameOnFieldName() {
    EventParser.Result result =
        EventParser.parseCompat(json("{\"type\": \"t\", \"name\": \"my host\"}"), "p", NOW);

    assertEquals(
        List.of(new FieldError("name", "name must be 1-200 characters of [A-Za-z0-9_.:/@-]")),
        result.errors());
  }

  @Test
  void compatReportsNonStringNameOnFieldName() {
    EventParser.Result result =
        EventParser.parseCompat(json("{\"type\": \"t\", \"name\": 1}"), "p", NOW);

    assertEquals(List.of(new FieldError("name", "name must be a string")), result.errors());
  }

  @Test
  void compatRejectsMetricThatIsNotAnObject() {
    assertEquals(
        List.of(new FieldError("$", "a metric must be a JSON object")),
        EventParser.parseCompat(json("\"cpu\""), "p", NOW).errors());
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

    JsonObject out = canonical(EventParser.parse(in, "default", NOW));

    assertEquals(tricky, out.getJsonObject("tags").getString("note"));
    assertEquals(tricky, out.getJsonObject("payload").getString("text"));
  }

  @Test
  void rejectsWhatPostgresJsonbWouldRefuseLater() {
    assertOnlyErrorOn(
        "payload",
        EventParser.parse(
            json("{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":\"a\\u0000b\"}}"),
            "default",
            NOW));
    assertOnlyErrorOn(
        "payload",
        EventParser.parse(
            json("{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":[1e400]}}"), "default", NOW));
    assertOnlyErrorOn(
        "tags.k",
        EventParser.parse(
            json("{\"type\":\"t\",\"source\":\"s\",\"tags\":{\"k\":\"a\\u0000\"}}"),
            "default",
            NOW));
    assertTrue(
        EventParser.parse(
                json(
                    "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":[1e300,-0.5,12345678901234567890]}}"),
                "default",
                NOW)
            .ok());
  }

  private static JsonValue withPayloadString(String s) {
    return Json.createObjectBuilder()
        .add("type", "t")
        .add("source", "s")
        .add("payload", Json.createObjectBuilder().add("b", s))
        .build();
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

  private static JsonValue json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
