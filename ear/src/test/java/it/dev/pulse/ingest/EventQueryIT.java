package it.dev.pulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PulseServer.class)
class EventQueryIT {

  /** Two hours ago, whole seconds: recent enough that no retention can touch it. */
  private static final Instant BASE =
      Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

  /**
   * 25 events of a fresh type, one a minute, sources alternating a/b; returns their ids oldest
   * first.
   */
  private static List<UUID> storeSeries(String type) {
    List<UUID> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 25; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      String source = i % 2 == 0 ? "a" : "b";
      batch
          .append(i == 0 ? "" : ",")
          .append(Events.json(id, type, source, BASE.plusSeconds(60L * i).toString()));
    }
    assertEquals(
        202, Api.postJson("/api/v1/events/batch", batch.append(']').toString()).statusCode());
    Poll.until(Duration.ofSeconds(20), "series stored", () -> Database.countRows(ids) == 25);
    return ids;
  }

  @Test
  void pagesNewestFirstWithCursorUntilExhausted() {
    String type = Events.uniqueType("paging");
    List<UUID> ids = storeSeries(type);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path =
          "/api/v1/events?project=default&type="
              + type
              + "&limit=10"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = Api.object(Api.get(path));
      page.getJsonArray("items").forEach(v -> seen.add(v.asJsonObject().getString("id")));
      cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertEquals(3, pages);
    assertEquals(25, seen.size());
    assertEquals(25, new HashSet<>(seen).size(), "no event twice");
    assertEquals(ids.get(24).toString(), seen.get(0), "newest first");
    assertEquals(ids.get(0).toString(), seen.get(24));
  }

  @Test
  void filtersBySourceAndTimeWindow() {
    String type = Events.uniqueType("filter");
    List<UUID> ids = storeSeries(type);

    JsonObject bySource =
        Api.object(Api.get("/api/v1/events?project=default&type=" + type + "&source=b&limit=100"));
    assertEquals(12, bySource.getJsonArray("items").size());
    bySource
        .getJsonArray("items")
        .forEach(v -> assertEquals("b", v.asJsonObject().getString("source")));
    assertEquals(JsonValue.NULL, bySource.get("next_cursor"));

    String from = BASE.plusSeconds(60L * 5).toString();
    String to = BASE.plusSeconds(60L * 10).toString();
    JsonObject window =
        Api.object(
            Api.get("/api/v1/events?project=default&type=" + type + "&from=" + from + "&to=" + to));
    Set<String> got = new HashSet<>();
    window.getJsonArray("items").forEach(v -> got.add(v.asJsonObject().getString("id")));
    Set<String> expected = new HashSet<>();
    for (int i = 5; i < 10; i++) {
      expected.add(ids.get(i).toString());
    }
    assertEquals(expected, got, "from is inclusive, to exclusive");
  }

  @Test
  void defaultLimitIsOneHundred() {
    String type = Events.uniqueType("limit");
    List<UUID> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      batch
          .append(i == 0 ? "" : ",")
          .append(Events.json(id, type, "s", BASE.plusSeconds(i).toString()));
    }
    assertEquals(
        202, Api.postJson("/api/v1/events/batch", batch.append(']').toString()).statusCode());
    Poll.until(Duration.ofSeconds(20), "101 stored", () -> Database.countRows(ids) == 101);

    JsonObject page = Api.object(Api.get("/api/v1/events?project=default&type=" + type));

    assertEquals(100, page.getJsonArray("items").size());
    assertFalse(page.isNull("next_cursor"), "the 101st event is on the next page");
    JsonObject rest =
        Api.object(
            Api.get(
                "/api/v1/events?project=default&type="
                    + type
                    + "&cursor="
                    + page.getString("next_cursor")));
    assertEquals(1, rest.getJsonArray("items").size());
    assertEquals(
        ids.get(0).toString(), rest.getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void aFilterMatchingNothingIsAnEmptyLastPage() {
    JsonObject page =
        Api.object(Api.get("/api/v1/events?project=default&type=" + Events.uniqueType("none")));
    assertTrue(page.getJsonArray("items").isEmpty());
    assertTrue(page.isNull("next_cursor"));
  }
}
