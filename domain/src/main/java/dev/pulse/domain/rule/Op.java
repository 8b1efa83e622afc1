package dev.pulse.domain.rule;

import java.util.Optional;

/** Op is a rule's comparison of an aggregate ({@code left}) with its threshold ({@code right}). */
public enum Op {
  GT(">"),
  GE(">="),
  LT("<"),
  LE("<="),
  EQ("=="),
  NE("!=");

  private final String symbol;

  Op(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean test(double left, double right) {
    return switch (this) {
      case GT -> left > right;
      case GE -> left >= right;
      case LT -> left < right;
      case LE -> left <= right;
      case EQ -> left == right;
      case NE -> left != right;
    };
  }

  /** Whether breaching means going up ({@code >}, {@code >=}) rather than down. */
  public boolean isUpward() {
    return this == GT || this == GE;
  }

  public boolean isDownward() {
    return this == LT || this == LE;
  }

  public static Optional<Op> parse(String symbol) {
    for (Op op : values()) {
      if (op.symbol.equals(symbol)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
