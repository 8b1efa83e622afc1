package dev.pulse.ingest.api;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of 202 answers. */
public final class Accepted {

  private Accepted() {}

  @Schema(name = "EventAccepted")
  public record One(@Schema(format = "uuid") UUID id) {}

  @Schema(name = "BatchAccepted")
  public record Batch(int accepted, List<UUID> ids) {}
}
