package dev.pulse.worker.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * AlertingConfig holds the settings of rule evaluation: how many points a rule window keeps.
 * Defaults are in META-INF/microprofile-config.properties; environment variables override them
 * (pulse.x.y-z is PULSE_X_Y_Z).
 */
@ApplicationScoped
public class AlertingConfig {

  @Inject
  @ConfigProperty(name = "pulse.alerting.window-max-points")
  int ruleWindowMaxPoints;

  /** The most records one group's window keeps (the oldest go first). */
  public int ruleWindowMaxPoints() {
    return Math.max(100, ruleWindowMaxPoints);
  }
}
