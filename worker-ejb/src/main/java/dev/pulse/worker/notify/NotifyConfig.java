package dev.pulse.worker.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * NotifyConfig holds the settings of notification delivery: the links in messages, the network
 * guard, retries, limits, circuits and the SMTP server. Defaults are in
 * META-INF/microprofile-config.properties; environment variables override them (pulse.x.y-z is
 * PULSE_X_Y_Z).
 */
@ApplicationScoped
public class NotifyConfig {

  @Inject
  @ConfigProperty(name = "pulse.alerting.external-url")
  String externalUrl;

  @Inject
  @ConfigProperty(name = "pulse.notify.allow-private-networks")
  boolean notifyAllowPrivateNetworks;

  @Inject
  @ConfigProperty(name = "pulse.notify.max-attempts")
  int notifyMaxAttempts;

  @Inject
  @ConfigProperty(name = "pulse.notify.project-per-minute")
  int notifyProjectPerMinute;

  @Inject
  @ConfigProperty(name = "pulse.notify.circuit-failures")
  int circuitFailures;

  @Inject
  @ConfigProperty(name = "pulse.notify.circuit-cool-down-seconds")
  long circuitCoolDownSeconds;

  @Inject
  @ConfigProperty(name = "pulse.smtp.host")
  Optional<String> smtpHost;

  @Inject
  @ConfigProperty(name = "pulse.smtp.port")
  int smtpPort;

  @Inject
  @ConfigProperty(name = "pulse.smtp.starttls")
  boolean smtpStartTls;

  @Inject
  @ConfigProperty(name = "pulse.worker.name")
  Optional<String> name;

  @Inject
  @ConfigProperty(name = "pulse.smtp.user")
  Optional<String> smtpUser;

  @Inject
  @ConfigProperty(name = "pulse.smtp.password")
  Optional<String> smtpPassword;

  @Inject
  @ConfigProperty(name = "pulse.smtp.from")
  String smtpFrom;

  /** Where users reach Pulse: links in notifications start here. */
  public String externalUrl() {
    return externalUrl.endsWith("/")
        ? externalUrl.substring(0, externalUrl.length() - 1)
        : externalUrl;
  }

  /** Whether webhooks may point at loopback and private addresses (link-local never). */
  public boolean notifyAllowPrivateNetworks() {
    return notifyAllowPrivateNetworks;
  }

  public int notifyMaxAttempts() {
    return Math.max(1, notifyMaxAttempts);
  }

  /** Notifications per minute a project may send over all its rules. */
  public int notifyProjectPerMinute() {
    return Math.max(1, notifyProjectPerMinute);
  }

  /** Consecutive failed deliveries that open a channel's circuit. */
  public int circuitFailures() {
    return Math.max(1, circuitFailures);
  }

  /** How long an open circuit refuses deliveries before it lets one probe through. */
  public Duration circuitCoolDown() {
    return Duration.ofSeconds(Math.max(1, circuitCoolDownSeconds));
  }

  /** The SMTP server email channels send through; empty when none is configured. */
  public Optional<String> smtpHost() {
    return smtpHost.filter(s -> !s.isBlank());
  }

  public int smtpPort() {
    return smtpPort;
  }

  /** Whether the SMTP connection must be upgraded with STARTTLS (refusing servers without it). */
  public boolean smtpStartTls() {
    return smtpStartTls;
  }

  /** The SMTP user name; without one Pulse does not authenticate. */
  public Optional<String> smtpUser() {
    return smtpUser.filter(s -> !s.isBlank());
  }

  public Optional<String> smtpPassword() {
    return smtpPassword;
  }

  /** The From address of notification emails. */
  public String smtpFrom() {
    return smtpFrom;
  }
}
