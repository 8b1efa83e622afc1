package dev.pulse.domain.silence;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * RegexSafety refuses the patterns a backtracking engine can take exponential time on, keeping to
 * what RE2 accepts: no backreferences, lookaround, atomic groups or possessive quantifiers, and no
 * repeated group whose content holds a quantifier or an alternation, such as {@code (a+)+}.
 */
public final class RegexSafety {

  public static final int MAX_LENGTH = 1000;

  static final String NESTED =
      "a repeated group may not contain a quantifier or an alternation"
          + " (nested repetition can backtrack catastrophically)";

  private RegexSafety() {}

  /** Why {@code pattern} is refused, or empty when it is valid and safe to run. */
  public static Optional<String> problem(String pattern) {
    if (pattern == null) {
      return Optional.of("a pattern is required");
    }
    if (pattern.length() > MAX_LENGTH) {
      return Optional.of("patterns are at most " + MAX_LENGTH + " characters");
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return Optional.of("invalid pattern: " + e.getDescription() + " near index " + e.getIndex());
    }
    return Optional.ofNullable(new Scanner(pattern).scan());
  }

  /** Group is what the scanner knows of one open group: whether its content can be ambiguous. */
  private static final class Group {
    boolean risky; // holds a quantifier or an alternation, at any depth
  }

  /** Scanner walks a pattern that compiles, tracking escapes, classes and group nesting. */
  private static final class Scanner {
    private final String p;
    private final int n;
    private final Deque<Group> groups = new ArrayDeque<>();
    private int i;

    Scanner(String pattern) {
      this.p = pattern;
      this.n = pattern.length();
    }

    String scan() {
      groups.push(new Group());
      while (i < n) {
        char c = p.charAt(i);
        Group closed = null;
        String problem = null;
        if (c == '\\') {
          problem = escape();
        } else if (c == '[') {
          skipClass();
        } else if (c == '(') {
          problem = openGroup();
          if (problem != null) {
            return problem;
          }
          continue; // nothing can quantify an opening parenthesis
        } else if (c == ')') {
          closed = groups.pop();
          groups.peek().risky |= closed.risky;
          i++;
        } else if (c == '|') {
          groups.peek().risky = true;
          i++;
          continue;
        } else {
          i++;
        }
        if (problem == null) {
          problem = quantifier(closed);
        }
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }

    private String escape() {
      i++;
      char e = p.charAt(i);
      if (e >= '1' && e <= '9') {
        return "backreferences (\\1) are not supported";
      }
      if (e == 'k') {
        return "backreferences (\\k<name>) are not supported";
      }
      skipEscapeBody();
      return null;
    }

    /** Skips what follows a backslash, {@code i} pointing just after the backslash. */
    private void skipEscapeBody() {
      char e = p.charAt(i);
      if (e == 'Q') {
        int end = p.indexOf("\\E", i);
        i = end < 0 ? n : end + 2;
      } else if ("pPxN".indexOf(e) >= 0 && i + 1 < n && p.charAt(i + 1) == '{') {
        i = p.indexOf('}', i) + 1;
      } else if (e == 'c') {
        i += 2;
      } else {
        i++;
      }
    }

    /** Skips a character class, nested classes included: quantifier characters are literals. */
    private void skipClass() {
      int depth = 0;
      do {
        char c = p.charAt(i);
        if (c == '\\') {
          i++;
          skipEscapeBody();
        } else if (c == '[') {
          depth++;
          i++;
          if (i < n && p.charAt(i) == '^') {
            i++;
          }
          if (i < n && p.charAt(i) == ']') {
            i++; // a leading ']' is a literal
          }
        } else {
          if (c == ']') {
            depth--;
          }
          i++;
        }
      } while (depth > 0 && i < n);
    }

    private String openGroup() {
      i++;
      if (i < n && p.charAt(i) == '?') {
        if (p.startsWith("?=", i)
            || p.startsWith("?!", i)
            || p.startsWith("?<=", i)
            || p.startsWith("?<!", i)) {
          return "lookaround ((?=, (?!, (?<=, (?<!) is not supported";
        }
        if (p.startsWith("?>", i)) {
          return "atomic groups ((?>) are not supported";
        }
        if (p.startsWith("?<", i)) {
          i = p.indexOf('>', i) + 1; // named group
        } else {
          int start = ++i;
          while (i < n && (Character.isLetter(p.charAt(i)) || p.charAt(i) == '-')) {
            i++;
          }
          if (p.substring(start, i).indexOf('x') >= 0) {
            return "the x (comments) flag is not supported";
          }
          if (i < n && p.charAt(i) == ':') {
            i++;
          }
        }
      }
      groups.push(new Group());
      return null;
    }

    /** Reads the quantifier at {@code i}, if any, applied to the atom just read. */
    private String quantifier(Group atomGroup) {
      if (i >= n) {
        return null;
      }
      char c = p.charAt(i);
      boolean repeats;
      if (c == '*' || c == '+') {
        repeats = true;
        i++;
      } else if (c == '?') {
        repeats = false;
        i++;
      } else if (c == '{') {
        int close = p.indexOf('}', i);
        repeats = repeatsMoreThanOnce(p.substring(i + 1, close));
        i = close + 1;
      } else {
        return null;
      }
      if (i < n && p.charAt(i) == '+') {
        return "possessive quantifiers (*+, ++, ?+) are not supported";
      }
      if (i < n && p.charAt(i) == '?') {
        i++; // reluctant
      }
      groups.peek().risky = true;
      return repeats && atomGroup != null && atomGroup.risky ? NESTED : null;
    }

    private static boolean repeatsMoreThanOnce(String bounds) {
      int comma = bounds.indexOf(',');
      String max = comma < 0 ? bounds : bounds.substring(comma + 1);
      try {
        return max.isEmpty() || Integer.parseInt(max) > 1;
      } catch (NumberFormatException e) {
        return true;
      }
    }
  }
}
