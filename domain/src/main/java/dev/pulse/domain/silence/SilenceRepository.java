package dev.pulse.domain.silence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SilenceRepository stores a project's silences; an expired one is kept, with its end moved. */
public interface SilenceRepository {

  void create(Silence silence);

  Optional<Silence> find(String project, UUID id);

  /** The project's silences, newest first. */
  List<Silence> list(String project);

  /** Ends the silence now; false when there is no such silence or it has ended. */
  boolean expire(String project, UUID id, Instant now);

  /** Every project's silences that have not ended by {@code now}. */
  List<Silence> unexpired(Instant now);
}
