package dev.pulse.worker.application;

import dev.pulse.domain.tenancy.AccountRepository;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * KnownAccounts answers whether the account behind a verified access token still exists. A token is
 * signed for its whole lifetime, so without this check it would outlive the account it was issued
 * to. An answer is kept for {@link #RECHECK}: the node that deletes an account forgets it at once
 * ({@link #forget}), every other node within that time.
 */
@ApplicationScoped
public class KnownAccounts {

  /** How long an answer is trusted: the delay before another node refuses a deleted account. */
  public static final Duration RECHECK = Duration.ofSeconds(2);

  /** Bounds the memory of answers; past it the map is cleared and refilled on demand. */
  private static final int MAX_ENTRIES = 100_000;

  private record Answer(boolean exists, long checkedAtNanos) {}

  private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  @EJB AccountRepository accounts;

  /** For CDI. */
  public KnownAccounts() {
    this(System::nanoTime);
  }

  /** With this nanosecond clock (tests). */
  KnownAccounts(LongSupplier clock) {
    this.clock = clock;
  }

  /** Whether the user's account exists, as of at most {@link #RECHECK} ago on this node. */
  public boolean exists(UUID user) {
    long now = clock.getAsLong();
    Answer known = answers.get(user);
    if (known != null && now - known.checkedAtNanos() < RECHECK.toNanos()) {
      return known.exists();
    }
    boolean exists = accounts.exists(user);
    if (answers.size() >= MAX_ENTRIES) {
      answers.clear();
    }
    answers.put(user, new Answer(exists, now));
    return exists;
  }

  /** Called by the node that deleted the account: its tokens are refused from now on. */
  public void forget(UUID user) {
    answers.put(user, new Answer(false, clock.getAsLong()));
  }
}
