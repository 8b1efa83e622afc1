package dev.pulse.gateway.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * LiveConfig is every setting of the gateway, from MicroProfile Config, with its defaults here in
 * each {@code defaultValue} (a WAR's own properties file is not seen by the EAR-wide validation at
 * deployment), overridden by environment variables. The token rules are MicroProfile JWT's own
 * keys, so the socket accepts exactly the tokens the REST API does.
 */
@ApplicationScoped
public class LiveConfig {

  @Inject
  @ConfigProperty(name = "pulse.live.queue-limit", defaultValue = "1000")
  int queueLimit;

  @Inject
  @ConfigProperty(name = "pulse.live.max-connections-per-user", defaultValue = "20")
  int maxConnectionsPerUser;

  @Inject
  @ConfigProperty(name = "pulse.live.heartbeat-seconds", defaultValue = "30")
  long heartbeatSeconds;

  @Inject
  @ConfigProperty(name = "pulse.live.idle-timeout-seconds", defaultValue = "90")
  long idleTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "pulse.live.membership-check-seconds", defaultValue = "5")
  long membershipCheckSeconds;

  @Inject
  @ConfigProperty(name = "pulse.live.max-bad-messages", defaultValue = "20")
  int maxBadMessages;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey.location")
  String publicKeyLocation;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  String issuer;

  /** Messages a session may have waiting before it counts as too slow. */
  public int queueLimit() {
    return queueLimit;
  }

  public int maxConnectionsPerUser() {
    return maxConnectionsPerUser;
  }

  public Duration heartbeat() {
    return Duration.ofSeconds(heartbeatSeconds);
  }

  /** A session that sent nothing (not even a pong) for this long is closed. */
  public Duration idleTimeout() {
    return Duration.ofSeconds(idleTimeoutSeconds);
  }

  public Duration membershipCheck() {
    return Duration.ofSeconds(membershipCheckSeconds);
  }

  /** Malformed messages tolerated per 10 s before the session is closed with 1008. */
  public int maxBadMessages() {
    return maxBadMessages;
  }

  public String publicKeyLocation() {
    return publicKeyLocation;
  }

  public String issuer() {
    return issuer;
  }

  /** Same leeway as server.xml's mpJwt clockSkew. */
  public Duration clockSkew() {
    return Duration.ofSeconds(30);
  }
}
