package dev.pulse.ingest.api;

import dev.pulse.domain.event.Event;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** EventView is a stored event as the query API returns it. */
@Schema(name = "Event")
public record EventView(
    UUID id,
    String project,
    String type,
    String source,
    @Schema(format = "date-time") Instant timestamp,
    @JsonbProperty("received_at") @Schema(format = "date-time") Instant receivedAt,
    Double value,
    @Schema(description = "string values, as sent") JsonObject tags,
    @Schema(description = "as sent; absent when the event had none") JsonObject payload) {

  public static EventView of(Event e) {
    return new EventView(
        e.getId(),
        e.getProject(),
        e.getType(),
        e.getSource(),
        e.getOccurredAt(),
        e.getReceivedAt(),
        e.getValue(),
        object(e.getTagsJson()),
        e.getPayloadJson() == null ? null : object(e.getPayloadJson()));
  }

  private static JsonObject object(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** One page of events, newest first; {@code next_cursor} is null on the last page. */
  @Schema(name = "EventPage")
  public record Page(
      java.util.List<EventView> items,
      @JsonbProperty("next_cursor")
          @JsonbNillable
          @Schema(description = "pass as cursor for the next page; null on the last page")
          String nextCursor) {}
}
