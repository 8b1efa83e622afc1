package dev.pulse.gateway.live;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscription is one {@code subscribe} of a session: a project's alerts (optionally filtered by
 * severity, rule and state) or its metric values (by name and tags). An alert subscription that
 * resumes holds live changes back while the missed ones are replayed, then sends each number once,
 * in order.
 */
final class Subscription {

  enum Stream {
    ALERTS,
    METRICS
  }

  final String id;
  final String project;
  final Stream stream;
  private final Set<String> severities;
  private final Set<String> rules;
  private final Set<String> states;
  private final Set<String> names;
  private final Map<String, String> tags;
  private final List<AlertMessage> held = new ArrayList<>();
  private boolean replaying;
  private long lastSeq;

  private Subscription(
      String id,
      String project,
      Stream stream,
      Set<String> severities,
      Set<String> rules,
      Set<String> states,
      Set<String> names,
      Map<String, String> tags) {
    this.id = id;
    this.project = project;
    this.stream = stream;
    this.severities = severities;
    this.rules = rules;
    this.states = states;
    this.names = names;
    this.tags = tags;
  }

  static Subscription alerts(
      String id, String project, Set<String> severities, Set<String> rules, Set<String> states) {
    return new Subscription(
        id, project, Stream.ALERTS, severities, rules, states, Set.of(), Map.of());
  }

  static Subscription metrics(
      String id, String project, Set<String> names, Map<String, String> tags) {
    return new Subscription(id, project, Stream.METRICS, Set.of(), Set.of(), Set.of(), names, tags);
  }

  boolean matches(AlertMessage m) {
    return (severities.isEmpty() || severities.contains(m.severity()))
        && (rules.isEmpty() || rules.contains(m.ruleId()) || rules.contains(m.alertName()))
        && (states.isEmpty() || states.contains(m.state()));
  }

  boolean matches(String name, Map<String, String> sampleTags) {
    if (!names.contains(name)) {
      return false;
    }
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (!t.getValue().equals(sampleTags.get(t.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** From now on, live changes wait until {@link #replayed} has sent the missed ones. */
  synchronized void holdFrom(long seq) {
    replaying = true;
    lastSeq = seq;
  }

  /**
   * A live change: sent now, or held while a replay is running. Returns the number to replay from
   * when this change shows that some were missed (this node's feed lost Redis for a moment): the
   * change is then held, and the caller replays the gap; otherwise -1.
   */
  synchronized long deliver(LiveSession session, AlertMessage m) {
    if (replaying) {
      held.add(m);
      return -1;
    }
    if (m.seq() <= lastSeq) {
      // Live numbers only grow; a smaller one means Redis lost the counter (restarted empty).
      lastSeq = m.seq() - 1;
      session.send(resetFrame());
    } else if (lastSeq > 0 && m.seq() > lastSeq + 1) {
      replaying = true;
      held.add(m);
      return lastSeq;
    }
    sendOnce(session, m);
    return -1;
  }

  private String resetFrame() {
    return "{\"type\":\"reset\",\"sub\":" + Json.createValue(id) + ",\"seq\":" + lastSeq + "}";
  }

  /** Sends the replayed changes, then those held meanwhile, each number once, and goes live. */
  synchronized void replayed(LiveSession session, List<AlertMessage> missed) {
    missed.forEach(m -> sendOnce(session, m));
    held.forEach(m -> sendOnce(session, m));
    held.clear();
    replaying = false;
  }

  /** After a gap too old to replay: a reset, then live changes after {@code seq}. */
  synchronized void reset(LiveSession session, long seq) {
    lastSeq = seq;
    session.send(resetFrame());
    held.forEach(m -> sendOnce(session, m));
    held.clear();
    replaying = false;
  }

  private void sendOnce(LiveSession session, AlertMessage m) {
    if (m.seq() <= lastSeq) {
      return;
    }
    lastSeq = m.seq();
    if (matches(m)) {
      session.send(m.frame(id));
    }
  }
}
