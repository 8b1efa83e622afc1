package dev.pulse.domain.rule;

import java.util.Locale;
import java.util.Optional;

/**
 * Aggregate is how a window's records become one number. {@code count} counts records (an empty
 * window counts 0); the others read the records' values and have no data on an empty window.
 */
public enum Aggregate {
  COUNT,
  SUM,
  AVG,
  MIN,
  MAX,
  P95,
  LAST;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Aggregate> parse(String name) {
    for (Aggregate a : values()) {
      if (a.wireName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
