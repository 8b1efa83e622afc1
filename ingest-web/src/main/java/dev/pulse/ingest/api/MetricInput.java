package dev.pulse.ingest.api;

import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** MetricInput documents the metric bodies Pulse accepts. */
@Schema(name = "MetricInput", description = "A PulseMetrics-format metric")
public record MetricInput(
    @Schema(required = true, example = "page_view") String type,
    @Schema(required = true, example = "/home", description = "Stored as the event's source")
        String name,
    @Schema(example = "1") Double value,
    @Schema(example = "{\"browser\":\"chrome\"}") Map<String, String> tags) {

  /** A metric sample for {@code POST /api/v1/metrics}. */
  @Schema(name = "MetricSampleInput", description = "A numeric sample of a series (name + tags)")
  public record Sample(
      @Schema(description = "UUID; generated when absent. Re-sending an id stores it once.")
          UUID id,
      @Schema(
              required = true,
              example = "http.server.latency",
              pattern = "^[A-Za-z0-9_.:/-]{1,200}$")
          String name,
      @Schema(required = true, example = "0.182", description = "a finite number") double value,
      @Schema(
              example = "{\"route\":\"/checkout\",\"region\":\"eu\"}",
              description = "at most 32; keys [A-Za-z0-9_.:-]{1,100}, values up to 256 characters")
          Map<String, String> tags,
      @Schema(format = "date-time", description = "RFC 3339; default: when received")
          String timestamp) {}
}
