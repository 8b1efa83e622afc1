package dev.pulse.domain.event;

import java.time.Instant;

/**
 * EventQuery selects events of one project, newest first, optionally narrowed by type, source and
 * an occurred-at window [from, to), continuing after a cursor.
 */
public record EventQuery(
    String project,
    String type,
    String source,
    Instant from,
    Instant to,
    int limit,
    EventCursor after) {

  public EventQuery {
    if (limit < 1 || limit > EventRules.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be 1-" + EventRules.MAX_PAGE_SIZE);
    }
  }
}
