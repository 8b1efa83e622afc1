package dev.pulse.worker.alerting;

import dev.pulse.domain.silence.Silence;
import dev.pulse.domain.silence.SilenceRepository;
import dev.pulse.domain.silence.Silences;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SilenceSet is this node's copy of the silences that have not expired, swapped whole on reload
 * (after every change through the API, announced on Redis pub/sub, and periodically).
 */
@ApplicationScoped
public class SilenceSet {

  @EJB SilenceRepository silences;

  private final AtomicReference<Silences> current = new AtomicReference<>(Silences.of(List.of()));

  public void reload() {
    List<Silence> live = silences.unexpired(Instant.now());
    current.set(Silences.of(live));
  }

  public boolean mutes(String project, Map<String, String> labels, Instant now) {
    return current.get().mutes(project, labels, now);
  }
}
