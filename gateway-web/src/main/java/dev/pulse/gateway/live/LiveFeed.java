package dev.pulse.gateway.live;

import dev.pulse.worker.application.LiveUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * LiveFeed hands every node's alert changes and metric values, as the worker hears them on Redis,
 * to {@link Fanout}.
 */
@ApplicationScoped
public class LiveFeed {

  @Inject LiveUpdates updates;
  @Inject Fanout fanout;

  void start() {
    updates.listen(
        new LiveUpdates.Listener() {
          @Override
          public void alertChanged(String json) {
            fanout.alert(AlertMessage.parse(json));
          }

          @Override
          public void metricsChanged(String project, String json) {
            fanout.metrics(project, json);
          }
        });
  }

  void keepAlive(Duration silence) {
    updates.keepAlive(silence);
  }
}
