package dev.pulse.domain.rule;

import dev.pulse.domain.event.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * RuleRules checks a {@link RuleDraft} field by field and builds the {@link Rule} it describes.
 * Every wrong field is reported at once, named as in the JSON body ({@code match.tags}, {@code
 * channels[1]}), and the limits here are the public API's.
 */
public final class RuleRules {

  public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
  public static final Duration MAX_WINDOW = Duration.ofDays(1);
  public static final Duration MAX_HOLD = Duration.ofDays(1);
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);
  public static final Duration MAX_LOOKBACK = Duration.ofDays(7);
  public static final int DEFAULT_NOTIFICATIONS_PER_MINUTE = 10;
  public static final int MAX_GROUP_BY = 5;
  public static final int MAX_PAIRS = 20;
  public static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");

  private RuleRules() {}

  /** The rule, or every field error; exactly one of the two is present. */
  public record Parsed(Rule rule, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /**
   * @param channelsOfProject the ids of the project's channels: a rule may only notify those
   */
  public static Parsed parse(
      UUID id,
      String project,
      RuleDraft d,
      Collection<UUID> channelsOfProject,
      Instant createdAt,
      Instant updatedAt) {
    List<FieldError> errors = new ArrayList<>();
    String name = text(d.name(), "name", 200, true, errors);
    Rule.Kind kind = choice(Rule.Kind.class, d.kind(), "kind", errors);
    Rule.Signal signal = choice(Rule.Signal.class, d.signal(), "signal", errors);
    Rule.Match match = RuleParts.match(d.match(), signal, errors);
    Duration window = duration(d.window(), "window", null, MIN_WINDOW, MAX_WINDOW, errors);
    List<String> groupBy = RuleParts.groupBy(d.groupBy(), signal, errors);
    Aggregate aggregate = null;
    Op op = null;
    Rule.Change change = null;
    if (kind == Rule.Kind.ABSENCE) {
      forbid(d.aggregate(), "aggregate", "absence rules take no aggregate", errors);
      forbid(d.op(), "op", "absence rules take no op", errors);
      forbid(d.threshold(), "threshold", "absence rules take no threshold", errors);
      forbid(d.recoverThreshold(), "recover_threshold", "absence rules take none", errors);
    } else if (kind != null) {
      aggregate = RuleParts.aggregate(d.aggregate(), errors);
      op = RuleParts.op(d.op(), errors);
      RuleParts.threshold(d.threshold(), d.recoverThreshold(), op, errors);
    }
    if (kind == Rule.Kind.CHANGE) {
      change = choice(Rule.Change.class, d.change(), "change", errors);
    } else {
      forbid(d.change(), "change", "only change rules take change", errors);
    }
    Duration forDuration =
        duration(d.forDuration(), "for", Duration.ZERO, Duration.ZERO, MAX_HOLD, errors);
    Duration keep =
        duration(
            d.keepFiringFor(), "keep_firing_for", Duration.ZERO, Duration.ZERO, MAX_HOLD, errors);
    Rule.NoData noData =
        d.noData() == null
            ? Rule.NoData.OK
            : choice(Rule.NoData.class, d.noData(), "no_data", errors);
    Duration lookback =
        duration(d.lookback(), "lookback", DEFAULT_LOOKBACK, MIN_WINDOW, MAX_LOOKBACK, errors);
    if (window != null && lookback != null && lookback.compareTo(window) < 0) {
      errors.add(new FieldError("lookback", "lookback must be at least the window"));
    }
    String severity = d.severity() == null ? "warning" : d.severity();
    if (!SEVERITIES.contains(severity)) {
      errors.add(new FieldError("severity", "severity must be one of " + sorted(SEVERITIES)));
    }
    Map<String, String> labels = pairs(d.labels(), "labels", 200, true, errors);
    Map<String, String> annotations = pairs(d.annotations(), "annotations", 2000, false, errors);
    List<UUID> channels = RuleParts.channels(d.channels(), channelsOfProject, errors);
    int perMinute =
        d.maxNotificationsPerMinute() == null
            ? DEFAULT_NOTIFICATIONS_PER_MINUTE
            : d.maxNotificationsPerMinute();
    if (perMinute < 1 || perMinute > 1000) {
      errors.add(new FieldError("max_notifications_per_minute", "must be between 1 and 1000"));
    }
    if (!errors.isEmpty()) {
      return new Parsed(null, List.copyOf(errors));
    }
    Rule rule =
        new Rule(
            id,
            project,
            name,
            kind,
            signal,
            match,
            aggregate,
            window,
            groupBy,
            op,
            d.threshold(),
            d.recoverThreshold(),
            change,
            forDuration,
            keep,
            noData,
            lookback,
            severity,
            labels,
            annotations,
            channels,
            perMinute,
            d.enabled() == null || d.enabled(),
            createdAt,
            updatedAt);
    return new Parsed(rule, List.of());
  }

  static String text(String value, String field, int max, boolean required, List<FieldError> e) {
    if (value == null || value.isBlank()) {
      if (required) {
        e.add(new FieldError(field, field + " is required"));
      }
      return value;
    }
    if (value.length() > max) {
      e.add(new FieldError(field, field + " must be at most " + max + " characters"));
    }
    return value.strip();
  }

  static <E extends Enum<E>> E choice(
      Class<E> type, String value, String field, List<FieldError> e) {
    if (value == null) {
      e.add(new FieldError(field, field + " is required"));
      return null;
    }
    for (E c : type.getEnumConstants()) {
      if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
        return c;
      }
    }
    List<String> names = new ArrayList<>();
    for (E c : type.getEnumConstants()) {
      names.add(c.name().toLowerCase(Locale.ROOT));
    }
    e.add(new FieldError(field, field + " must be one of " + names));
    return null;
  }

  static Duration duration(
      String value, String field, Duration dflt, Duration min, Duration max, List<FieldError> e) {
    if (value == null) {
      if (dflt == null) {
        e.add(new FieldError(field, field + " is required"));
      }
      return dflt;
    }
    Optional<Duration> d = Durations.parse(value);
    if (d.isEmpty()) {
      e.add(new FieldError(field, field + " must be a duration such as 500ms, 10s, 5m, 2h or 1d"));
      return null;
    }
    if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
      e.add(
          new FieldError(
              field,
              field + " must be from " + Durations.format(min) + " to " + Durations.format(max)));
      return null;
    }
    return d.get();
  }

  static void forbid(Object value, String field, String why, List<FieldError> e) {
    if (value != null) {
      e.add(new FieldError(field, why));
    }
  }

  static Map<String, String> pairs(
      Map<String, String> in, String field, int maxValue, boolean labelKeys, List<FieldError> e) {
    if (in == null) {
      return Map.of();
    }
    if (in.size() > MAX_PAIRS) {
      e.add(new FieldError(field, "at most " + MAX_PAIRS + " entries"));
    }
    Map<String, String> out = new LinkedHashMap<>();
    in.forEach(
        (k, v) -> {
          if (k == null || !LABEL.matcher(k).matches() || (labelKeys && "alertname".equals(k))) {
            e.add(
                new FieldError(
                    field,
                    "key "
                        + k
                        + " must match [a-zA-Z_][a-zA-Z0-9_]* (at most 100)"
                        + (labelKeys ? " and not be alertname" : "")));
          } else if (v == null || v.length() > maxValue) {
            e.add(new FieldError(field + "." + k, "must be a string of at most " + maxValue));
          } else {
            out.put(k, v);
          }
        });
    return Map.copyOf(out);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
