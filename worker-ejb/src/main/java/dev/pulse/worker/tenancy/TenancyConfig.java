package dev.pulse.worker.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * TenancyConfig holds the first admin and ingest key, created once at start-up. Defaults are in
 * META-INF/microprofile-config.properties; environment variables override them (pulse.x.y-z is
 * PULSE_X_Y_Z).
 */
@ApplicationScoped
public class TenancyConfig {

  @Inject
  @ConfigProperty(name = "pulse.admin.email")
  Optional<String> adminEmail;

  @Inject
  @ConfigProperty(name = "pulse.admin.password")
  Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = "pulse.bootstrap.key")
  Optional<String> bootstrapKey;

  public Optional<String> adminEmail() {
    return adminEmail.filter(s -> !s.isBlank());
  }

  public Optional<String> adminPassword() {
    return adminPassword.filter(s -> !s.isBlank());
  }

  public Optional<String> bootstrapKey() {
    return bootstrapKey.filter(s -> !s.isBlank());
  }
}
