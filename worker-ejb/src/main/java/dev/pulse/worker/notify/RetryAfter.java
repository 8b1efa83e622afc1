package dev.pulse.worker.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * RetryAfter reads a {@code Retry-After} header value as RFC 9110 defines it: delta-seconds, or an
 * HTTP-date in IMF-fixdate or one of the two obsolete formats.
 */
final class RetryAfter {

  private static final List<DateTimeFormatter> DATES =
      List.of(
          DateTimeFormatter.RFC_1123_DATE_TIME,
          new DateTimeFormatterBuilder()
              .appendPattern("EEEE, dd-MMM-")
              .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
              .appendPattern(" HH:mm:ss 'GMT'")
              .toFormatter(Locale.US)
              .withZone(ZoneOffset.UTC),
          DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
              .withZone(ZoneOffset.UTC));

  private RetryAfter() {}

  /** The wait the value asks for, counted from {@code now} and never negative; null if invalid. */
  static Duration parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More than 10 digits is centuries; saturate rather than overflow.
      return v.length() > 10
          ? Duration.ofSeconds(9_999_999_999L)
          : Duration.ofSeconds(Long.parseLong(v));
    }
    for (DateTimeFormatter format : DATES) {
      try {
        Instant at = ZonedDateTime.parse(v, format).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException ignored) {
        // try the next format
      }
    }
    return null;
  }
}
