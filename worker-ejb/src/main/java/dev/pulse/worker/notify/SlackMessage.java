package dev.pulse.worker.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * SlackMessage writes a notice as a Slack incoming-webhook message in Block Kit: a header with the
 * state and alert name, then one coloured attachment per alert (critical red, warning orange, info
 * blue, resolved green) with its summary, severity, value, labels and a link to it. A group message
 * lists up to {@link #MAX_LISTED} alerts and counts the rest; a fallback says whose it was.
 */
final class SlackMessage {

  static final int MAX_LISTED = 20;
  static final String RED = "#d93025";
  static final String ORANGE = "#f29900";
  static final String BLUE = "#1a73e8";
  static final String GREEN = "#1e8e3e";

  private SlackMessage() {}

  static String of(Notice n, String externalUrl) {
    String headline = Texts.oneLine(Texts.headline(n));
    JsonArrayBuilder blocks =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("type", "header")
                    .add("text", plain(Texts.cut(headline, 150))));
    if (n.fallback() != null) {
      blocks.add(
          context(
              ":warning: Fallback: meant for channel *"
                  + Texts.mrkdwn(n.fallback().channel())
                  + "*, which could not take it ("
                  + Texts.mrkdwn(n.fallback().reason())
                  + ")"));
    }
    if (n.summary() != null && !"group".equals(n.kind())) {
      blocks.add(section(Texts.mrkdwn(n.summary())));
    }
    List<Notice.Item> listed = n.items().stream().limit(MAX_LISTED).toList();
    int unlisted = n.items().size() - listed.size() + n.truncated();
    if (unlisted > 0) {
      blocks.add(context("… and " + unlisted + " more alerts not listed here"));
    }
    JsonArrayBuilder attachments = Json.createArrayBuilder();
    listed.forEach(item -> attachments.add(attachment(item, n.project(), externalUrl)));
    return Json.createObjectBuilder()
        .add("text", Texts.cut(headline, 3000))
        .add("blocks", blocks)
        .add("attachments", attachments)
        .build()
        .toString();
  }

  /** The colour of an alert: green once resolved, else by severity. */
  static String color(NotifiedAlert a) {
    if ("resolved".equals(a.status())) {
      return GREEN;
    }
    return switch (a.labels().getOrDefault("severity", "")) {
      case "critical" -> RED;
      case "warning" -> ORANGE;
      default -> BLUE;
    };
  }

  private static JsonObjectBuilder attachment(
      Notice.Item item, String project, String externalUrl) {
    NotifiedAlert a = item.alert();
    String name = a.labels().getOrDefault("alertname", "alert");
    String title =
        "*<"
            // Slack reads &amp; in a link's address as &, which its escaping rules ask for.
            + Texts.mrkdwn(Texts.link(externalUrl, project, item.alertId()))
            + "|"
            + Texts.mrkdwn(Texts.oneLine(name))
            + ">* is *"
            + a.status().toUpperCase(java.util.Locale.ROOT)
            + "*";
    String summary = a.annotations().get("summary");
    String text = summary == null ? title : title + "\n" + Texts.mrkdwn(summary);
    JsonArrayBuilder fields =
        Json.createArrayBuilder()
            .add(mrkdwn("*Severity*\n" + Texts.mrkdwn(a.labels().getOrDefault("severity", "-"))))
            .add(mrkdwn("*Value*\n" + Texts.value(item.value())))
            .add(mrkdwn(Texts.cut("*Labels*\n" + Texts.mrkdwn(Texts.labels(a.labels())), 2000)));
    return Json.createObjectBuilder()
        .add("color", color(a))
        .add(
            "blocks",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("type", "section")
                        .add("text", mrkdwn(Texts.cut(text, 3000)))
                        .add("fields", fields)));
  }

  private static JsonObjectBuilder section(String text) {
    return Json.createObjectBuilder()
        .add("type", "section")
        .add("text", mrkdwn(Texts.cut(text, 3000)));
  }

  private static JsonObjectBuilder context(String text) {
    return Json.createObjectBuilder()
        .add("type", "context")
        .add("elements", Json.createArrayBuilder().add(mrkdwn(Texts.cut(text, 3000))));
  }

  private static JsonObjectBuilder plain(String text) {
    return Json.createObjectBuilder()
        .add("type", "plain_text")
        .add("text", text)
        .add("emoji", true);
  }

  private static JsonObjectBuilder mrkdwn(String text) {
    return Json.createObjectBuilder().add("type", "mrkdwn").add("text", text);
  }
}
