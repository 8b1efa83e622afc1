package dev.pulse.worker.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.tenancy.AccountRepository;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KnownAccountsTest {

  private final Set<UUID> stored = new HashSet<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong();
  private final KnownAccounts known = new KnownAccounts(nanos::get);

  KnownAccountsTest() {
    known.accounts =
        (AccountRepository)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {AccountRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("exists")) {
                    lookups.incrementAndGet();
                    return stored.contains((UUID) args[0]);
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void anAnswerIsTrustedForTheRecheckPeriodOnly() {
    UUID user = UUID.randomUUID();
    stored.add(user);
    assertTrue(known.exists(user));
    stored.remove(user); // deleted through another node
    nanos.addAndGet(KnownAccounts.RECHECK.toNanos() - 1);
    assertTrue(known.exists(user), "still the cached answer");
    assertEquals(1, lookups.get());
    nanos.addAndGet(1);
    assertFalse(known.exists(user), "refused once the answer is RECHECK old");
    assertEquals(2, lookups.get());
  }

  @Test
  void theDeletingNodeRefusesAtOnce() {
    UUID user = UUID.randomUUID();
    stored.add(user);
    assertTrue(known.exists(user));
    stored.remove(user);
    known.forget(user);
    assertFalse(known.exists(user));
  }

  @Test
  void anUnknownAccountIsRefused() {
    assertFalse(known.exists(UUID.randomUUID()));
  }
}
