package dev.pulse.worker.notify;

import java.util.UUID;

/**
 * RuleLimits tells the throttle how many notifications a minute a rule may send. The rules belong
 * to the alerting package, which depends on this one (it writes the outbox), so it provides this
 * port rather than the throttle reaching back into it.
 */
public interface RuleLimits {

  /** The rule's limit; the default limit for a rule this node does not know (deleted, say). */
  int notificationsPerMinute(UUID rule);
}
