package dev.pulse.worker.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Texts holds what the Slack and email renderings share: the headline of a notice, an alert's
 * dashboard link, its labels on one line, and the escaping each format needs.
 */
final class Texts {

  private Texts() {}

  /**
   * The dashboard opened on an alert, in the page's own fragment scheme ({@code
   * /live/#project=<project>&alert=<id>}, values form-encoded as the page's URLSearchParams reads
   * them); the dashboard itself for a test notice.
   */
  static String link(String externalUrl, String project, String alertId) {
    if (alertId == null || "test".equals(alertId) || project == null) {
      return externalUrl + "/live/";
    }
    return externalUrl
        + "/live/#project="
        + URLEncoder.encode(project, StandardCharsets.UTF_8)
        + "&alert="
        + URLEncoder.encode(alertId, StandardCharsets.UTF_8);
  }

  /** "FIRING: Checkout errors", "RESOLVED: …", "FIRING: 3 new, 1 resolved in alertname=…". */
  static String headline(Notice n) {
    String status = n.status().toUpperCase(java.util.Locale.ROOT);
    if ("group".equals(n.kind())) {
      String labels = n.groupLabels().isEmpty() ? "all alerts" : labels(n.groupLabels());
      return status + ": " + n.summary() + " in " + labels;
    }
    if ("digest".equals(n.kind())) {
      return status + ": " + n.summary();
    }
    Map<String, String> labels = n.items().get(0).alert().labels();
    return status + ": " + labels.getOrDefault("alertname", "alert");
  }

  static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** A number as rules write it: no ".0" on whole values. */
  static String value(Double v) {
    if (v == null) {
      return "no data";
    }
    return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString(v.longValue()) : v.toString();
  }

  /** Text safe inside HTML elements and double-quoted attributes. */
  static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Text safe in Slack mrkdwn: only &, < and > are control characters there. */
  static String mrkdwn(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** At most {@code max} characters, with an ellipsis when cut. */
  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** One line: control characters (CR and LF included) become spaces. */
  static String oneLine(String s) {
    return s.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
