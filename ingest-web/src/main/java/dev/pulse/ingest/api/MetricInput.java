package dev.pulse.ingest.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** MetricInput documents the PulseMetrics {@code POST /ingest} shape; name becomes the source. */
@Schema(name = "MetricInput", description = "A PulseMetrics-format metric")
public record MetricInput(
    @Schema(required = true, example = "page_view") String type,
    @Schema(required = true, example = "/home", description = "Stored as the event's source")
        String name,
    @Schema(example = "1") Double value,
    @Schema(example = "{\"browser\":\"chrome\"}") Map<String, String> tags) {}
