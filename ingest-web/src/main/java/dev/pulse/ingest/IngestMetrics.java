package dev.pulse.ingest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * IngestMetrics counts what ingestion accepted ({@code pulse_events_accepted_total}, and per
 * project {@code pulse_project_events_accepted_total{project=...}}), the requests it turned away by
 * reason ({@code pulse_ingest_rejected_total{reason=...}}) and the events refused by a key's quota
 * per project ({@code pulse_quota_refused_events_total{project=...}}), and logins by outcome
 * ({@code pulse_auth_logins_total{outcome=success|failure|throttled}}).
 */
@ApplicationScoped
public class IngestMetrics {

  @Inject MetricRegistry registry;

  private Counter accepted;
  private Counter samplesAccepted;
  private final java.util.Map<String, Counter> perProject =
      new java.util.concurrent.ConcurrentHashMap<>();

  @PostConstruct
  void register() {
    accepted = registry.counter("pulse.events.accepted");
    samplesAccepted = registry.counter("pulse.metrics.samples.accepted");
  }

  public void samplesAccepted(int samples) {
    samplesAccepted.inc(samples);
  }

  public void accepted(String project, int events) {
    accepted.inc(events);
    perProject
        .computeIfAbsent(
            project, p -> registry.counter("pulse.project.events.accepted", new Tag("project", p)))
        .inc(events);
  }

  public void quotaRefused(String project, long events) {
    registry.counter("pulse.quota.refused.events", new Tag("project", project)).inc(events);
  }

  public void login(String outcome) {
    registry.counter("pulse.auth.logins", new Tag("outcome", outcome)).inc();
  }

  /** {@code reason} is the problem's slug: invalid-event, malformed-json, unavailable, ... */
  public void rejected(String reason) {
    registry.counter("pulse.ingest.rejected", new Tag("reason", reason)).inc();
  }
}
