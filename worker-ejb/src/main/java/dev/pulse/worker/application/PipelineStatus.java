package dev.pulse.worker.application;

import dev.pulse.worker.Worker;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PipelineStatus tells the health checks whether this node's pipeline runs: the schema migrated and
 * every stream consumer started.
 */
@ApplicationScoped
public class PipelineStatus {

  @EJB Worker worker;

  public boolean started() {
    return worker.isStarted();
  }
}
