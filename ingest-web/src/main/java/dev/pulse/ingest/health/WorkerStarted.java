package dev.pulse.ingest.health;

import dev.pulse.worker.Worker;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** WorkerStarted is UP once the schema migrations are applied and every consumer runs. */
@Startup
@ApplicationScoped
public class WorkerStarted implements HealthCheck {

  @EJB Worker worker;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("worker").status(worker.isStarted()).build();
  }
}
