package dev.pulse.ingest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
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

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.auth.logins",
          "Login attempts, by outcome (success, failure, throttled)",
          "pulse.events.accepted",
          "Events accepted for ingestion (answered 202 and appended to the stream)",
          "pulse.ingest.rejected",
          "Ingestion requests turned away, by reason (the problem's slug)",
          "pulse.metrics.samples.accepted",
          "Metric samples accepted for ingestion",
          "pulse.project.events.accepted",
          "Events accepted for ingestion, by project",
          "pulse.quota.refused.events",
          "Events refused by an ingest key's quota (429), by project");

  @Inject MetricRegistry registry;

  private Counter accepted;
  private Counter samplesAccepted;
  private final java.util.Map<String, Counter> perProject =
      new java.util.concurrent.ConcurrentHashMap<>();

  @PostConstruct
  void register() {
    accepted = registry.counter(help("pulse.events.accepted"));
    samplesAccepted = registry.counter(help("pulse.metrics.samples.accepted"));
  }

  public void samplesAccepted(int samples) {
    samplesAccepted.inc(samples);
  }

  public void accepted(String project, int events) {
    accepted.inc(events);
    perProject
        .computeIfAbsent(
            project,
            p -> registry.counter(help("pulse.project.events.accepted"), new Tag("project", p)))
        .inc(events);
  }

  public void quotaRefused(String project, long events) {
    registry.counter(help("pulse.quota.refused.events"), new Tag("project", project)).inc(events);
  }

  public void login(String outcome) {
    registry.counter(help("pulse.auth.logins"), new Tag("outcome", outcome)).inc();
  }

  /** {@code reason} is the problem's slug: invalid-event, malformed-json, unavailable, ... */
  public void rejected(String reason) {
    registry.counter(help("pulse.ingest.rejected"), new Tag("reason", reason)).inc();
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}
