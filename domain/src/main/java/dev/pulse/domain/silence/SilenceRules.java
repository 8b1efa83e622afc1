package dev.pulse.domain.silence;

import dev.pulse.domain.event.EventRules;
import dev.pulse.domain.event.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SilenceRules holds the limits a new silence must respect and checks a request against them,
 * naming each broken field. Like Alertmanager, it refuses a silence whose matchers all match an
 * alert without labels, since such a silence would mute everything.
 */
public final class SilenceRules {

  public static final int MAX_MATCHERS = 32;
  public static final int MAX_LABEL_LENGTH = 100;
  public static final int MAX_VALUE_LENGTH = 1000;
  public static final int MAX_COMMENT_LENGTH = 1000;

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");

  private SilenceRules() {}

  /**
   * The rules {@code matchers}, the span and the optional comment of a new silence break, checked
   * at {@code now}; empty when the silence can be created. A recurrence is checked by {@link
   * Recurrence#parse}.
   */
  public static List<FieldError> check(
      List<MatcherInput> matchers, Instant startsAt, Instant endsAt, String comment, Instant now) {
    List<FieldError> errors = new ArrayList<>(checkMatchers(matchers));
    checkSpan(startsAt, endsAt, now, errors);
    if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
      errors.add(
          new FieldError("comment", "comment is at most " + MAX_COMMENT_LENGTH + " characters"));
    }
    return errors;
  }

  /** The rules a silence's matchers break: count, each matcher, and matching everything. */
  public static List<FieldError> checkMatchers(List<MatcherInput> matchers) {
    List<FieldError> errors = new ArrayList<>();
    if (matchers == null || matchers.isEmpty()) {
      errors.add(new FieldError("matchers", "at least one matcher is required"));
      return errors;
    }
    if (matchers.size() > MAX_MATCHERS) {
      errors.add(
          new FieldError(
              "matchers", "at most " + MAX_MATCHERS + " matchers, got " + matchers.size()));
    }
    for (int i = 0; i < matchers.size(); i++) {
      checkMatcher("matchers[" + i + "]", matchers.get(i), errors);
    }
    if (errors.isEmpty()
        && matchers.stream().map(MatcherInput::toMatcher).allMatch(LabelMatcher::matchesEmpty)) {
      errors.add(
          new FieldError(
              "matchers",
              "at least one matcher must not match the empty string:"
                  + " this silence would mute every alert"));
    }
    return errors;
  }

  private static void checkMatcher(String field, MatcherInput input, List<FieldError> errors) {
    if (input == null) {
      errors.add(new FieldError(field, "a matcher is required"));
      return;
    }
    String label = input.label();
    if (label == null || label.length() > MAX_LABEL_LENGTH || !LABEL.matcher(label).matches()) {
      errors.add(
          new FieldError(
              field + ".label",
              "labels are 1-" + MAX_LABEL_LENGTH + " characters of [a-zA-Z_][a-zA-Z0-9_.]*"));
    }
    Optional<LabelMatcher.Op> op = LabelMatcher.Op.parse(input.op());
    if (op.isEmpty()) {
      errors.add(new FieldError(field + ".op", "op is one of =, !=, =~, !~"));
    }
    String value = input.value();
    if (value == null) {
      errors.add(new FieldError(field + ".value", "value is required (may be empty)"));
    } else if (value.length() > MAX_VALUE_LENGTH) {
      errors.add(
          new FieldError(field + ".value", "value is at most " + MAX_VALUE_LENGTH + " characters"));
    } else if (op.isPresent() && op.get().isRegex()) {
      RegexSafety.problem(value).ifPresent(p -> errors.add(new FieldError(field + ".value", p)));
    }
  }

  private static void checkSpan(
      Instant startsAt, Instant endsAt, Instant now, List<FieldError> errors) {
    if (startsAt == null) {
      errors.add(new FieldError("starts_at", "starts_at is required"));
    } else if (!EventRules.isInRange(startsAt)) {
      errors.add(new FieldError("starts_at", "starts_at must be within years 1-9999 UTC"));
    }
    if (endsAt == null) {
      errors.add(new FieldError("ends_at", "ends_at is required"));
    } else if (!EventRules.isInRange(endsAt)) {
      errors.add(new FieldError("ends_at", "ends_at must be within years 1-9999 UTC"));
    } else if (startsAt != null && !endsAt.isAfter(startsAt)) {
      errors.add(new FieldError("ends_at", "ends_at must be after starts_at"));
    } else if (!endsAt.isAfter(now)) {
      errors.add(new FieldError("ends_at", "ends_at must be in the future"));
    }
  }
}
