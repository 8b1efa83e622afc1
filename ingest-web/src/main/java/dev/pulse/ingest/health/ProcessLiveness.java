package dev.pulse.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * ProcessLiveness is DOWN only when the JVM is nearly out of heap — the one state a restart fixes.
 * Unreachable Redis or PostgreSQL are readiness concerns, not liveness.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

  private static final double MAX_HEAP_USE = 0.95;

  @Override
  public HealthCheckResponse call() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    double use = (double) used / rt.maxMemory();
    return HealthCheckResponse.named("heap")
        .status(use < MAX_HEAP_USE)
        .withData("used-bytes", used)
        .withData("max-bytes", rt.maxMemory())
        .build();
  }
}
