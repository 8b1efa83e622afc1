package dev.pulse.ingest.health;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.event.EventRepository;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DependenciesReadiness is ready when Redis (where events are accepted) and PostgreSQL (where they
 * are stored) both answer. A load balancer should stop sending traffic when it is DOWN.
 */
@Readiness
@ApplicationScoped
public class DependenciesReadiness implements HealthCheck {

  @Inject EventLog stream;
  @EJB EventRepository events;

  @Override
  public HealthCheckResponse call() {
    boolean redisUp = stream.isReachable();
    boolean databaseUp = events.isReachable();
    return HealthCheckResponse.named("dependencies")
        .status(redisUp && databaseUp)
        .withData("redis", redisUp ? "UP" : "DOWN")
        .withData("postgresql", databaseUp ? "UP" : "DOWN")
        .build();
  }
}
