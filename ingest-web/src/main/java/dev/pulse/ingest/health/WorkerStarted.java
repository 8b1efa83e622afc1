package dev.pulse.ingest.health;

import dev.pulse.worker.application.PipelineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** WorkerStarted is UP once the schema migrations are applied and every consumer runs. */
@Startup
@ApplicationScoped
public class WorkerStarted implements HealthCheck {

  @Inject PipelineStatus pipeline;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("worker").status(pipeline.started()).build();
  }
}
