package dev.pulse.worker.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * AlertingMetrics exports evaluation and notification figures at /metrics: {@code
 * pulse_rules_evaluated_total}, {@code pulse_rule_evaluation_duration_seconds}, {@code
 * pulse_rule_failures_total}, {@code pulse_alert_transitions_total{to}}, {@code
 * pulse_notifications_total{outcome}}, {@code pulse_notify_limiter_total{project,decision}} and
 * {@code pulse_notify_outbox_lag_seconds}, and the gauge {@code pulse_alerts{state}}: fingerprints
 * pending and firing, counted every ten seconds. Channels: {@code
 * pulse_channel_circuit_opened_total{channel}} and the gauge {@code
 * pulse_channel_circuit_state{channel}} (0 closed, 1 half open, 2 open; refreshed every ten seconds
 * for every channel whose circuit has left closed since this node started).
 */
@ApplicationScoped
public class AlertingMetrics {

  @Inject MetricRegistry registry;

  private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> circuits = new ConcurrentHashMap<>();

  /** Sets the open alerts per state (pending, firing). */
  public void openAlerts(Map<String, Long> byState) {
    byState.forEach(
        (state, n) ->
            open.computeIfAbsent(
                    state,
                    s -> {
                      AtomicLong value = new AtomicLong();
                      registry.gauge("pulse.alerts", value, AtomicLong::get, new Tag("state", s));
                      return value;
                    })
                .set(n));
  }

  /** Sets the circuit gauges: channel id → "open" or "half_open"; others are closed. */
  public void circuits(Map<java.util.UUID, String> notClosed) {
    circuits.forEach((channel, value) -> value.set(0));
    notClosed.forEach(
        (channel, state) -> circuit(channel.toString()).set("open".equals(state) ? 2 : 1));
  }

  public void circuitOpened(java.util.UUID channel) {
    registry.counter("pulse.channel.circuit.opened", new Tag("channel", channel.toString())).inc();
    circuit(channel.toString()).set(2);
  }

  private AtomicLong circuit(String channel) {
    return circuits.computeIfAbsent(
        channel,
        c -> {
          AtomicLong value = new AtomicLong();
          registry.gauge(
              "pulse.channel.circuit.state", value, AtomicLong::get, new Tag("channel", c));
          return value;
        });
  }

  public void evaluated(int rules, long nanos) {
    registry.counter("pulse.rules.evaluated").inc(rules);
    registry.timer("pulse.rule.evaluation.duration").update(Duration.ofNanos(nanos));
  }

  public void ruleFailed() {
    registry.counter("pulse.rule.failures").inc();
  }

  public void transition(String to) {
    registry.counter("pulse.alert.transitions", new Tag("to", to)).inc();
  }

  public void notification(String outcome) {
    registry.counter("pulse.notifications", new Tag("outcome", outcome)).inc();
  }

  public void limiter(String project, boolean allowed) {
    registry
        .counter(
            "pulse.notify.limiter",
            new Tag("project", project),
            new Tag("decision", allowed ? "allowed" : "throttled"))
        .inc();
  }

  public void outboxLag(Duration lag) {
    registry.timer("pulse.notify.outbox.lag").update(lag);
  }
}
