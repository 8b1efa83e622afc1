package dev.pulse.ingest.health;

import dev.pulse.ingest.warmup.Warmup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * WarmedUp is DOWN while the start-up warm-up runs, so a load balancer sends producers here only
 * once the request path is compiled; then UP, with what the warm-up did.
 */
@Startup
@Readiness
@ApplicationScoped
public class WarmedUp implements HealthCheck {

  @Inject Warmup warmup;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("warm-up")
        .status(warmup.isDone())
        .withData("outcome", warmup.outcome())
        .withData("requests", warmup.requests())
        .build();
  }
}
