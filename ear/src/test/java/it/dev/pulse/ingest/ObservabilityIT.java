package it.dev.pulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.PulseServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, metrics and OpenAPI are served, unauthenticated, and say what they should. */
@ExtendWith(PulseServer.class)
class ObservabilityIT {

  @Test
  void healthEndpointsAreUp() {
    for (String path : new String[] {"/health/live", "/health/ready", "/health/started"}) {
      HttpResponse<String> response = Api.get(path);
      assertEquals(200, response.statusCode(), path + ": " + response.body());
      assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
    }
    assertTrue(Api.get("/health/ready").body().contains("\"redis\":\"UP\""));
  }

  @Test
  void metricsExposeThePipelineInPrometheusText() {
    EventIngestIT.awaitStored(
        Api.object(Api.postJson("/api/v1/events", Events.json(UUID.randomUUID(), "m", "s")))
            .getString("id"));
    Api.postJson("/api/v1/events", "{bad");

    String metrics = Api.get("/metrics").body();
    for (String name :
        new String[] {
          "pulse_events_accepted_total",
          "pulse_ingest_rejected_total{mp_scope=\"application\",reason=\"malformed-json\"",
          "pulse_events_persisted_total",
          "pulse_persist_batch_size",
          "pulse_persist_duration_seconds",
          "pulse_stream_backlog",
          "pulse_stream_pending",
          "pulse_stream_dead_letters",
          "pulse_redis_command_duration_seconds"
        }) {
      assertTrue(metrics.contains(name), "missing " + name);
    }
  }

  @Test
  void promtoolFindsNoProblemInPulseMetrics() throws Exception {
    EventIngestIT.awaitStored(
        Api.object(Api.postJson("/api/v1/events", Events.json(UUID.randomUUID(), "p", "s")))
            .getString("id"));
    String exposition = Api.get("/metrics").body();
    assertTrue(
        exposition.contains("# HELP pulse_events_persisted_total"), "pulse metrics exported");

    // Debian's prometheus package, which ./pulse test installs; it lints the live output.
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = promtool.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool finished");
    List<String> ours = report.lines().filter(l -> l.startsWith("pulse_")).toList();
    assertTrue(ours.isEmpty(), "promtool on pulse_* metrics:\n" + String.join("\n", ours));
  }

  @Test
  void openApiDocumentsEveryEndpointAndTheProblemShape() {
    String doc = Api.get("/openapi").body();
    for (String expected :
        new String[] {
          "/api/v1/events:",
          "/api/v1/events/batch:",
          "/api/v1/events/{id}:",
          "/ingest:",
          "Problem:",
          "EventInput:",
          "\"503\":",
          "\"413\":",
          "\"415\":",
          "Retry-After"
        }) {
      assertTrue(doc.contains(expected), "OpenAPI lacks " + expected);
    }
  }
}
