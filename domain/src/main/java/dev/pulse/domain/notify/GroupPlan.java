package dev.pulse.domain.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GroupPlan decides what one flush of a notification group sends: the alerts that started firing
 * and the ones that resolved since the last message; or, when nothing changed and {@code
 * repeatInterval} has passed since the last message, every alert still firing. An alert that
 * resolved before it was ever announced is dropped without a word, as Alertmanager does.
 *
 * @param send the alerts to list, each with the status it is announced with
 * @param repeat whether the message repeats what still fires rather than reporting changes
 * @param notified what the group has announced once this message is out: alert → "firing"
 * @param dropped resolved alerts done with (announced now, or never to be)
 */
public record GroupPlan(
    Map<String, String> send, boolean repeat, Map<String, String> notified, List<String> dropped) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";

  /**
   * @param members every alert in the group and its current status, "firing" or "resolved"
   * @param notified what earlier messages announced: alert → "firing"
   * @param lastSentAt when the group's last message went out, or null
   */
  public static GroupPlan of(
      Map<String, String> members,
      Map<String, String> notified,
      Instant lastSentAt,
      Instant now,
      Duration repeatInterval) {
    Map<String, String> send = new LinkedHashMap<>();
    Map<String, String> next = new LinkedHashMap<>();
    List<String> dropped = new ArrayList<>();
    members.forEach(
        (alert, status) -> {
          boolean announced = FIRING.equals(notified.get(alert));
          if (FIRING.equals(status)) {
            next.put(alert, FIRING);
            if (!announced) {
              send.put(alert, FIRING);
            }
          } else {
            dropped.add(alert);
            if (announced) {
              send.put(alert, RESOLVED);
            }
          }
        });
    boolean repeat = false;
    if (send.isEmpty() && lastSentAt != null && !now.isBefore(lastSentAt.plus(repeatInterval))) {
      next.keySet().forEach(alert -> send.put(alert, FIRING));
      repeat = !send.isEmpty();
    }
    return new GroupPlan(send, repeat, next, dropped);
  }

  /** Whether there is a message to send. */
  public boolean sends() {
    return !send.isEmpty();
  }

  /** When a group is due again: after {@code groupWait} first, then every {@code groupInterval}. */
  public static Instant nextFlush(Instant createdAt, Instant lastFlushAt, Grouping grouping) {
    return lastFlushAt == null
        ? createdAt.plus(grouping.groupWait())
        : lastFlushAt.plus(grouping.groupInterval());
  }
}
