package dev.pulse.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventQueryTest {

  @Test
  void acceptsLimitOfOne() {
    assertEquals(1, query(1).limit());
  }

  @Test
  void acceptsLimitOfMaxPageSize() {
    assertEquals(1000, query(1000).limit());
  }

  @Test
  void rejectsLimitOfZero() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> query(0));
    assertEquals("limit must be 1-1000", e.getMessage());
  }

  @Test
  void rejectsNegativeLimit() {
    assertThrows(IllegalArgumentException.class, () -> query(-1));
  }

  @Test
  void rejectsLimitOverMaxPageSize() {
    assertThrows(IllegalArgumentException.class, () -> query(1001));
  }

  private static EventQuery query(int limit) {
    return new EventQuery("default", null, null, null, null, limit, null);
  }
}
