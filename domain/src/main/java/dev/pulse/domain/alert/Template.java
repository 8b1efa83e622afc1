package dev.pulse.domain.alert;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template fills an annotation such as {@code "Errors on {{source}}: {{value}}"} from an alert's
 * labels and value: {@code {{name}}} or {@code {{labels.name}}} is a label, {@code {{value}}} and
 * {@code {{threshold}}} the numbers. An unknown name renders as empty text; nothing is evaluated.
 */
public final class Template {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");

  private Template() {}

  public static String render(
      String template, Map<String, String> labels, Double value, Double threshold) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement =
          switch (name) {
            case "value" -> number(value);
            case "threshold" -> number(threshold);
            default ->
                labels.getOrDefault(
                    name.startsWith("labels.") ? name.substring("labels.".length()) : name, "");
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Whole numbers without a fraction, others with up to 6 significant digits; NaN and infinities as
   * Java writes them.
   */
  static String number(Double v) {
    if (v == null) {
      return "";
    }
    if (!Double.isFinite(v)) {
      return v.toString();
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString(v.longValue());
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }
}
