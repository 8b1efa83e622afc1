package dev.pulse.worker.notify;

import java.util.Locale;

/**
 * EmailMessage is a notice as an email: a one-line subject ("[FIRING] Checkout errors (critical)",
 * "[fallback] " first when it stands in for another channel), a plain-text part and an HTML part
 * saying the same. Every alert text is HTML-escaped in the HTML part.
 */
record EmailMessage(String subject, String text, String html) {

  static EmailMessage of(Notice n, String externalUrl) {
    StringBuilder text = new StringBuilder();
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    String headline = Texts.headline(n);
    text.append(headline).append("\n\n");
    html.append("<h2>").append(Texts.html(headline)).append("</h2>");
    if (n.fallback() != null) {
      String line =
          "Fallback: meant for channel "
              + n.fallback().channel()
              + ", which could not take it ("
              + n.fallback().reason()
              + ").";
      text.append(line).append("\n\n");
      html.append("<p><strong>").append(Texts.html(line)).append("</strong></p>");
    }
    if (n.summary() != null && !"group".equals(n.kind())) {
      text.append(n.summary()).append("\n\n");
      html.append("<p>").append(Texts.html(n.summary())).append("</p>");
    }
    html.append("<ul>");
    for (Notice.Item item : n.items()) {
      alert(item, n.project(), externalUrl, text, html);
    }
    html.append("</ul>");
    if (n.truncated() > 0) {
      String more = n.truncated() + " more alerts are not listed.";
      text.append(more).append('\n');
      html.append("<p>").append(Texts.html(more)).append("</p>");
    }
    text.append("\n-- \nPulse ").append(externalUrl).append('\n');
    html.append("<p style=\"color:#666\">Pulse ")
        .append(Texts.html(externalUrl))
        .append("</p></body></html>");
    return new EmailMessage(subject(n), text.toString(), html.toString());
  }

  static String subject(Notice n) {
    String status = n.status().toUpperCase(Locale.ROOT);
    String subject;
    if ("group".equals(n.kind())) {
      subject =
          "["
              + status
              + ":"
              + n.count("firing")
              + " RESOLVED:"
              + n.count("resolved")
              + "] "
              + (n.groupLabels().isEmpty() ? "all alerts" : Texts.labels(n.groupLabels()));
    } else if ("digest".equals(n.kind())) {
      subject = "[" + status + "] " + n.summary();
    } else {
      NotifiedAlert a = n.items().get(0).alert();
      subject =
          "["
              + status
              + "] "
              + a.labels().getOrDefault("alertname", "alert")
              + " ("
              + a.labels().getOrDefault("severity", "-")
              + ")";
    }
    if (n.fallback() != null) {
      subject = "[fallback] " + subject;
    }
    return Texts.cut(Texts.oneLine(subject), 200);
  }

  private static void alert(
      Notice.Item item,
      String project,
      String externalUrl,
      StringBuilder text,
      StringBuilder html) {
    NotifiedAlert a = item.alert();
    String name = a.labels().getOrDefault("alertname", "alert");
    String status = a.status().toUpperCase(Locale.ROOT);
    String summary = a.annotations().get("summary");
    String link = Texts.link(externalUrl, project, item.alertId());
    String labels = Texts.labels(a.labels());
    text.append("- ").append(name).append(" [").append(status).append("]\n");
    if (summary != null) {
      text.append("  ").append(summary).append('\n');
    }
    text.append("  value: ").append(Texts.value(item.value())).append('\n');
    text.append("  labels: ").append(labels).append('\n');
    text.append("  ").append(link).append("\n\n");
    html.append("<li><a href=\"")
        .append(Texts.html(link))
        .append("\"><strong>")
        .append(Texts.html(name))
        .append("</strong></a> ")
        .append(status);
    if (summary != null) {
      html.append("<br>").append(Texts.html(summary));
    }
    html.append("<br>value: ")
        .append(Texts.html(Texts.value(item.value())))
        .append("<br>labels: <code>")
        .append(Texts.html(labels))
        .append("</code></li>");
  }
}
