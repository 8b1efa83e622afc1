package dev.pulse.ingest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.ingest.intake.ParsedEvent;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventResourceTest {

  @Test
  void rejectsBatchThatIsNotAnArray() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> EventResource.parseBatch(event(UUID.randomUUID(), "t"), "default"));

    assertEquals(400, e.problem().status());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "a batch must be a JSON array of events")),
        e.problem().errors());
  }

  @Test
  void rejectsEmptyBatch() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> EventResource.parseBatch(JsonValue.EMPTY_JSON_ARRAY, "default"));

    assertEquals(400, e.problem().status());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "a batch holds 1-1000 events, got 0")),
        e.problem().errors());
  }

  @Test
  void rejectsBatchOf1001Events() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> EventResource.parseBatch(batchOf(1001), "default"));

    assertEquals(400, e.problem().status());
    assertEquals(
        List.of(new Problem.Violation(null, "$", "a batch holds 1-1000 events, got 1001")),
        e.problem().errors());
  }

  @Test
  void acceptsBatchOf1000Events() {
    assertEquals(1000, EventResource.parseBatch(batchOf(1000), "default").size());
  }

  @Test
  void rejectsWholeBatchNamingTheIndexOfTheBadItem() {
    JsonValue batch =
        Json.createArrayBuilder()
            .add(event(UUID.randomUUID(), "a"))
            .add(Json.createObjectBuilder().add("source", "s"))
            .add(event(UUID.randomUUID(), "c"))
            .build();

    ProblemException e =
        assertThrows(ProblemException.class, () -> EventResource.parseBatch(batch, "default"));

    assertEquals(400, e.problem().status());
    assertEquals("urn:pulse:problem:invalid-event", e.problem().type());
    assertEquals(
        List.of(new Problem.Violation(1, "type", "type is required")), e.problem().errors());
  }

  @Test
  void reportsEveryErrorOfEveryBadItemWithItsIndex() {
    JsonValue batch =
        json(
            """
            [{"type": "ok", "source": "s"},
             {"type": 1, "source": "s", "value": "x"},
             {"type": "ok", "source": "s"},
             42]
            """);

    ProblemException e =
        assertThrows(ProblemException.class, () -> EventResource.parseBatch(batch, "default"));

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
    JsonValue batch =
        Json.createArrayBuilder()
            .add(event(first, "a"))
            .add(event(second, "b"))
            .add(event(third, "c"))
            .build();

    List<ParsedEvent> parsed = EventResource.parseBatch(batch, "default");

    assertEquals(List.of(first, second, third), parsed.stream().map(ParsedEvent::id).toList());
    assertEquals(
        List.of("a", "b", "c"), parsed.stream().map(p -> object(p).getString("type")).toList());
    assertEquals(
        List.of("default", "default", "default"),
        parsed.stream().map(p -> object(p).getString("project")).toList());
  }

  @Test
  void stampsEveryEventOfABatchWithTheSameReceivedAt() {
    List<ParsedEvent> parsed = EventResource.parseBatch(batchOf(50), "default");

    assertEquals(
        1, parsed.stream().map(p -> object(p).getString("received_at")).distinct().count());
  }

  private static JsonValue batchOf(int size) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int i = 0; i < size; i++) {
      items.add(event(UUID.randomUUID(), "t" + i));
    }
    return items.build();
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
