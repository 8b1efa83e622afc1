package dev.pulse.worker.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PasswordConfig holds how much work password hashing costs. Defaults are in
 * META-INF/microprofile-config.properties; environment variables override them (pulse.x.y-z is
 * PULSE_X_Y_Z).
 */
@ApplicationScoped
public class PasswordConfig {

  @Inject
  @ConfigProperty(name = "pulse.auth.password-iterations")
  int passwordIterations;

  public int passwordIterations() {
    return passwordIterations;
  }
}
