package dev.pulse.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void makesVersion7VariantRfcIds() {
    UUID id = EventIds.next();
    assertEquals(7, id.version());
    assertEquals(2, id.variant());
  }

  @Test
  void leadingBitsAreTheUnixTimeInMilliseconds() {
    long millis = 1_795_000_000_123L;
    UUID id = EventIds.next(millis);
    assertEquals(millis, id.getMostSignificantBits() >>> 16);
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnes() {
    UUID earlier = EventIds.next(1_000L);
    UUID later = EventIds.next(1_001L);
    assertTrue(
        Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()) < 0);
    assertTrue(earlier.toString().compareTo(later.toString()) < 0, "text order follows time too");
  }

  @Test
  void idsAreDistinct() {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(EventIds.next(42L));
    }
    assertEquals(100_000, ids.size());
    assertNotEquals(EventIds.next(42L), EventIds.next(42L));
  }
}
