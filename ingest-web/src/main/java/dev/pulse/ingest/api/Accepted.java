package dev.pulse.ingest.api;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bodies of 202 answers. Written by hand ({@link #json()}): they are on the hot path and hold
 * nothing but UUIDs and a count; the records document their shape for OpenAPI.
 */
public final class Accepted {

  private Accepted() {}

  @Schema(name = "EventAccepted")
  public record One(@Schema(format = "uuid") UUID id) {
    public String json() {
      return "{\"id\":\"" + id + "\"}";
    }
  }

  @Schema(name = "BatchAccepted")
  public record Batch(int accepted, List<UUID> ids) {
    public String json() {
      StringBuilder out =
          new StringBuilder(40 * ids.size() + 32)
              .append("{\"accepted\":")
              .append(accepted)
              .append(",\"ids\":[");
      for (int i = 0; i < ids.size(); i++) {
        out.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
      }
      return out.append("]}").toString();
    }
  }
}
