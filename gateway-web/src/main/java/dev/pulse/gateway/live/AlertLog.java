package dev.pulse.gateway.live;

import dev.pulse.worker.application.LiveUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * AlertLog reads a project's bounded log of numbered alert changes, for subscriptions that resume
 * after a gap.
 */
@ApplicationScoped
public class AlertLog {

  /** What a resume finds: the latest number, the changes after the client's, or a gap. */
  record Replay(long latest, List<AlertMessage> missed, boolean gap) {}

  @Inject LiveUpdates updates;

  /** The project's latest change number (0 before the first). */
  long latest(String project) {
    return updates.latestAlertChange(project);
  }

  /** The changes numbered after {@code since}, or a gap when some of them are no longer kept. */
  Replay since(String project, long since) {
    LiveUpdates.AlertChanges changes = updates.alertChangesSince(project, since);
    if (since >= changes.latest()) {
      // Nothing missed, or a number from before Redis lost the log: a gap unless equal.
      return new Replay(changes.latest(), List.of(), since > changes.latest());
    }
    List<AlertMessage> missed = changes.after().stream().map(AlertMessage::parse).toList();
    boolean gap = missed.isEmpty() || missed.get(0).seq() > since + 1;
    return new Replay(changes.latest(), missed, gap);
  }
}
