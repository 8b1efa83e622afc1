package dev.pulse.worker.application;

import dev.pulse.domain.silence.Silence;
import dev.pulse.domain.silence.SilenceRepository;
import dev.pulse.worker.alerting.Changes;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SilenceService stores silences and announces each change to all nodes, whose next evaluation
 * mutes (or stops muting) the matching alerts.
 */
@ApplicationScoped
public class SilenceService {

  @EJB SilenceRepository silences;
  @Inject Changes changes;

  public void create(Silence silence) {
    silences.create(silence);
    changes.silencesChanged();
  }

  public Optional<Silence> find(String project, UUID id) {
    return silences.find(project, id);
  }

  /** The project's silences, newest first. */
  public List<Silence> list(String project) {
    return silences.list(project);
  }

  /** Ends the silence now. */
  public void expire(String project, UUID id) {
    silences.expire(project, id, Instant.now());
    changes.silencesChanged();
  }
}
