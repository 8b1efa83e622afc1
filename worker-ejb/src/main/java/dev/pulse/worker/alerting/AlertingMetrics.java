package dev.pulse.worker.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
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

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.alert.transitions",
          "Alert state transitions, by the state entered",
          "pulse.alerts",
          "Open alerts by state (pending, firing), refreshed by every evaluation tick",
          "pulse.channel.circuit.opened",
          "Times a channel's circuit breaker opened after consecutive delivery failures",
          "pulse.channel.circuit.state",
          "Circuit breaker of a channel: 0 closed, 1 half open, 2 open",
          "pulse.notifications",
          "Notification delivery attempts, by outcome",
          "pulse.notify.limiter",
          "Notifications checked against the rule and project rate limits, by decision",
          "pulse.notify.outbox.lag",
          "Time from a notification being due to its first attempt, in seconds",
          "pulse.rule.evaluation.duration",
          "Time one alert tick took to evaluate every rule, in seconds",
          "pulse.rule.failures",
          "Rule evaluations that failed (the rule is retried on the next tick)",
          "pulse.rules.evaluated",
          "Rule evaluations run by the alert tick");

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
                      registry.gauge(
                          help("pulse.alerts"), value, AtomicLong::get, new Tag("state", s));
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
    registry
        .counter(help("pulse.channel.circuit.opened"), new Tag("channel", channel.toString()))
        .inc();
    circuit(channel.toString()).set(2);
  }

  private AtomicLong circuit(String channel) {
    return circuits.computeIfAbsent(
        channel,
        c -> {
          AtomicLong value = new AtomicLong();
          registry.gauge(
              help("pulse.channel.circuit.state"), value, AtomicLong::get, new Tag("channel", c));
          return value;
        });
  }

  public void evaluated(int rules, long nanos) {
    registry.counter(help("pulse.rules.evaluated")).inc(rules);
    registry.timer(help("pulse.rule.evaluation.duration")).update(Duration.ofNanos(nanos));
  }

  public void ruleFailed() {
    registry.counter(help("pulse.rule.failures")).inc();
  }

  public void transition(String to) {
    registry.counter(help("pulse.alert.transitions"), new Tag("to", to)).inc();
  }

  public void notification(String outcome) {
    registry.counter(help("pulse.notifications"), new Tag("outcome", outcome)).inc();
  }

  public void limiter(String project, boolean allowed) {
    registry
        .counter(
            help("pulse.notify.limiter"),
            new Tag("project", project),
            new Tag("decision", allowed ? "allowed" : "throttled"))
        .inc();
  }

  public void outboxLag(Duration lag) {
    registry.timer(help("pulse.notify.outbox.lag")).update(lag);
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}
