package dev.pulse.gateway.live;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * LiveMetrics: {@code pulse_live_sessions} (open now), {@code pulse_live_messages_sent_total},
 * {@code pulse_live_sessions_dropped_total{reason}} and {@code pulse_live_fanout_duration_seconds}
 * (from a change reaching this node to its frame written to the socket).
 */
@ApplicationScoped
public class LiveMetrics {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.live.fanout.duration",
          "Time from a frame being queued to being written to its socket, in seconds",
          "pulse.live.messages.sent",
          "Frames sent to live WebSocket clients",
          "pulse.live.sessions",
          "Open live WebSocket sessions on this node",
          "pulse.live.sessions.dropped",
          "Live WebSocket sessions closed by the server, by reason");

  @Inject MetricRegistry registry;

  private Counter sent;
  private Timer fanout;
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

  @PostConstruct
  void register() {
    sent = registry.counter(help("pulse.live.messages.sent"));
    fanout = registry.timer(help("pulse.live.fanout.duration"));
  }

  void sessions(Supplier<Number> open) {
    registry.gauge(help("pulse.live.sessions"), open);
  }

  void sent(long queuedAtNanos) {
    sent.inc();
    if (queuedAtNanos != 0) {
      fanout.update(Duration.ofNanos(System.nanoTime() - queuedAtNanos));
    }
  }

  void dropped(String reason) {
    dropped
        .computeIfAbsent(
            reason,
            r -> registry.counter(help("pulse.live.sessions.dropped"), new Tag("reason", r)))
        .inc();
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}
