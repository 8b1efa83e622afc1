package dev.pulse.ingest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * IngestMetrics counts what ingestion accepted ({@code pulse_events_accepted_total}) and the
 * requests it turned away by reason ({@code pulse_ingest_rejected_total{reason=...}}).
 */
@ApplicationScoped
public class IngestMetrics {

  @Inject MetricRegistry registry;

  private Counter accepted;

  @PostConstruct
  void register() {
    accepted = registry.counter("pulse.events.accepted");
  }

  public void accepted(int events) {
    accepted.inc(events);
  }

  /** {@code reason} is the problem's slug: invalid-event, malformed-json, unavailable, ... */
  public void rejected(String reason) {
    registry.counter("pulse.ingest.rejected", new Tag("reason", reason)).inc();
  }
}
