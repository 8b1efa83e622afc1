package dev.pulse.domain.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * EventIds makes ids for events sent without one: UUID version 7 (RFC 9562), whose leading 48 bits
 * are the Unix time in milliseconds. Time-ordered ids keep the primary-key index append-mostly and
 * are cheap to make (no lock on a shared SecureRandom); they are identifiers, not secrets.
 */
public final class EventIds {

  private EventIds() {}

  public static UUID next() {
    return next(System.currentTimeMillis());
  }

  static UUID next(long unixMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
