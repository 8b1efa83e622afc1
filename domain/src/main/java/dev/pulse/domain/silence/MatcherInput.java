package dev.pulse.domain.silence;

/**
 * MatcherInput is a matcher as a request spells it, three raw strings that {@link SilenceRules}
 * checks before {@link #toMatcher()} turns them into a {@link LabelMatcher}.
 */
public record MatcherInput(String label, String op, String value) {

  /**
   * @throws IllegalArgumentException if the op is unknown or the value an unsafe pattern; check the
   *     input with {@link SilenceRules#check} first
   */
  public LabelMatcher toMatcher() {
    LabelMatcher.Op parsed =
        LabelMatcher.Op.parse(op)
            .orElseThrow(() -> new IllegalArgumentException("unknown matcher op: " + op));
    return new LabelMatcher(label, parsed, value);
  }
}
