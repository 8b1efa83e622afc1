package dev.pulse.domain.silence;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * LabelMatcher tests one label of an alert against a value, with Alertmanager semantics: a missing
 * label reads as the empty string, and regular expressions are fully anchored. A regex matcher
 * compiles its pattern once, and refuses patterns that {@link RegexSafety} finds unsafe.
 */
public final class LabelMatcher {

  /** Op is the comparison a matcher applies, written as in Alertmanager. */
  public enum Op {
    EQ("="),
    NE("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isRegex() {
      return this == RE || this == NRE;
    }

    /** The op written {@code symbol} ({@code =}, {@code !=}, {@code =~}, {@code !~}), if any. */
    public static Optional<Op> parse(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return Optional.of(op);
        }
      }
      return Optional.empty();
    }
  }

  private final String label;
  private final Op op;
  private final String value;
  private final Pattern pattern; // null unless op.isRegex()

  /**
   * @throws IllegalArgumentException if the op is a regex op and the value is not a safe pattern
   */
  public LabelMatcher(String label, Op op, String value) {
    this.label = Objects.requireNonNull(label, "label");
    this.op = Objects.requireNonNull(op, "op");
    this.value = Objects.requireNonNull(value, "value");
    if (op.isRegex()) {
      RegexSafety.problem(value)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(problem);
              });
      this.pattern = Pattern.compile("^(?:" + value + ")$");
    } else {
      this.pattern = null;
    }
  }

  public String label() {
    return label;
  }

  public Op op() {
    return op;
  }

  public String value() {
    return value;
  }

  /** Whether the alert with these labels matches; a missing label is the empty string. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(label, "");
    return test(actual == null ? "" : actual);
  }

  /** Whether an alert without this label matches: such a matcher alone would match everything. */
  public boolean matchesEmpty() {
    return test("");
  }

  private boolean test(String actual) {
    return switch (op) {
      case EQ -> value.equals(actual);
      case NE -> !value.equals(actual);
      case RE -> pattern.matcher(actual).matches();
      case NRE -> !pattern.matcher(actual).matches();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMatcher other
        && label.equals(other.label)
        && op == other.op
        && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, op, value);
  }

  /** The matcher as Alertmanager writes it, e.g. {@code service=~"api|web"}. */
  @Override
  public String toString() {
    return label + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
