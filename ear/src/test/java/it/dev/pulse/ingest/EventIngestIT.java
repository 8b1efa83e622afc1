package it.dev.pulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PulseServer.class)
class EventIngestIT {

  private static final Duration STORED = Duration.ofSeconds(20);

  @Test
  void singleEventIsAcceptedAndStored() {
    // An hour ago in UTC+2, with microseconds: stored as the same instant in UTC.
    OffsetDateTime sent =
        OffsetDateTime.now(ZoneOffset.ofHours(2))
            .minusHours(1)
            .truncatedTo(ChronoUnit.SECONDS)
            .withNano(123_456_000);
    HttpResponse<String> response =
        Api.postJson(
            "/api/v1/events",
            "{\"type\":\"http.request\",\"source\":\"checkout-api\",\"timestamp\":\""
                + sent
                + "\","
                + "\"value\":12.5,\"tags\":{\"env\":\"prod\"},\"payload\":{\"path\":\"/cart\",\"ok\":true}}");

    assertEquals(202, response.statusCode(), response.body());
    String id = Api.object(response).getString("id");
    JsonObject stored = awaitStored(id);
    assertEquals("http.request", stored.getString("type"));
    assertEquals("checkout-api", stored.getString("source"));
    assertEquals("default", stored.getString("project"));
    assertEquals(sent.toInstant().toString(), stored.getString("timestamp"));
    assertEquals(12.5, stored.getJsonNumber("value").doubleValue());
    assertEquals("prod", stored.getJsonObject("tags").getString("env"));
    assertEquals("/cart", stored.getJsonObject("payload").getString("path"));
    assertNotNull(stored.getString("received_at"));
  }

  @Test
  void batchIsAcceptedWholeAndEveryEventStored() {
    List<UUID> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      batch.append(i == 0 ? "" : ",").append(Events.json(id, "batch.test", "svc-" + i));
    }
    HttpResponse<String> response =
        Api.postJson("/api/v1/events/batch", batch.append(']').toString());

    assertEquals(202, response.statusCode(), response.body());
    JsonObject body = Api.object(response);
    assertEquals(100, body.getInt("accepted"));
    assertEquals(ids.get(42).toString(), body.getJsonArray("ids").getString(42));
    Poll.until(STORED, "all 100 events stored", () -> Database.countRows(ids) == 100);
  }

  @Test
  void pulseMetricsFormatIsStoredWithNameAsSource() {
    HttpResponse<String> response =
        Api.postJson(
            "/ingest",
            "{\"type\":\"page_view\",\"name\":\"/home\",\"value\":1,\"tags\":{\"browser\":\"chrome\"}}");

    assertEquals(202, response.statusCode(), response.body());
    JsonObject stored = awaitStored(Api.object(response).getString("id"));
    assertEquals("page_view", stored.getString("type"));
    assertEquals("/home", stored.getString("source"));
    assertEquals("chrome", stored.getJsonObject("tags").getString("browser"));
  }

  @Test
  void sameEventSentTwiceIsStoredOnce() {
    UUID id = UUID.randomUUID();
    assertEquals(202, Api.postJson("/api/v1/events", Events.json(id, "first", "svc")).statusCode());
    assertEquals(
        202,
        Api.postJson(
                "/api/v1/events/batch",
                "["
                    + Events.json(id, "second", "svc")
                    + ","
                    + Events.json(id, "third", "svc")
                    + "]")
            .statusCode());

    JsonObject stored = awaitStored(id.toString());
    // Let the later copies reach the worker too, then check nothing was added or overwritten.
    UUID marker = UUID.randomUUID();
    Api.postJson("/api/v1/events", Events.json(marker, "marker", "svc"));
    awaitStored(marker.toString());
    assertEquals(1, Database.countRows(id));
    // Copies may reach different consumers; whichever commits first is kept, and never replaced.
    String kept = stored.getString("type");
    assertTrue(java.util.Set.of("first", "second", "third").contains(kept), kept);
    assertEquals(kept, Api.object(Api.get("/api/v1/events/" + id)).getString("type"));
  }

  @Test
  void batchWithOneInvalidItemStoresNothing() {
    UUID good1 = UUID.randomUUID();
    UUID good2 = UUID.randomUUID();
    String batch =
        "["
            + Events.json(good1, "ok", "svc")
            + ",{\"type\":\"bad type!\",\"source\":\"svc\"},"
            + Events.json(good2, "ok", "svc")
            + "]";

    HttpResponse<String> response = Api.postJson("/api/v1/events/batch", batch);

    assertEquals(400, response.statusCode());
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    JsonObject problem = Api.object(response);
    assertEquals(1, problem.getJsonArray("errors").size());
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertEquals(1, error.getInt("index"));
    assertEquals("type", error.getString("field"));
    UUID marker = UUID.randomUUID();
    Api.postJson("/api/v1/events", Events.json(marker, "marker", "svc"));
    awaitStored(marker.toString());
    assertEquals(0, Database.countRows(List.of(good1, good2)));
  }

  @Test
  void unknownEventIsNotFound() {
    HttpResponse<String> response = Api.get("/api/v1/events/" + UUID.randomUUID());
    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("urn:pulse:problem:not-found"), response.body());
  }

  static JsonObject awaitStored(String id) {
    HttpResponse<String> found =
        Poll.until(
            STORED,
            "event " + id + " to be stored",
            () -> Api.get("/api/v1/events/" + id),
            r -> r.statusCode() == 200);
    return Api.object(found);
  }
}
