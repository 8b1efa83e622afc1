package dev.pulse.ingest.auth;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.ingest.IngestConfig;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * LoginThrottle limits login attempts per client address and per account, successful or not, on the
 * shared sliding window limiter. Registrations count against the address limit too: each one costs
 * a password hash, so unthrottled they would be a cheap way to burn the server's CPU. Accounts are
 * keyed by a digest of the email, so Redis never holds addresses of users in clear.
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject RateLimiter limiter;

  @Inject IngestConfig config;

  /** Charges one attempt, or throws 429 naming the limit that refused it. */
  public void attempt(String clientAddress, String normalizedEmail) {
    RateLimit byAddress = RateLimit.perMinute("login-address", config.loginAddressPerMinute());
    check(
        limiter.acquire(clientAddress, byAddress, 1),
        byAddress,
        "too many login attempts from this address");
    RateLimit byAccount = RateLimit.perMinute("login-account", config.loginAccountPerMinute());
    check(
        limiter.acquire(Secrets.digest(normalizedEmail), byAccount, 1),
        byAccount,
        "too many login attempts for this account");
  }

  /** Charges one registration to the client address, or throws 429. */
  public void registration(String clientAddress) {
    RateLimit byAddress = RateLimit.perMinute("login-address", config.loginAddressPerMinute());
    check(
        limiter.acquire(clientAddress, byAddress, 1),
        byAddress,
        "too many login or registration attempts from this address");
  }

  private static void check(RateLimiter.Decision decision, RateLimit limit, String detail) {
    if (!decision.allowed()) {
      throw new ProblemException(
          Problem.rateLimited(limit.name() + " (" + limit.describe() + ")", detail),
          (int) decision.retryAfterSeconds());
    }
  }
}
