package dev.pulse.worker.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AlertmanagerPayload writes the body of a webhook notification in Alertmanager's webhook format,
 * version 4, so receivers built for Alertmanager accept it unchanged. Keys of label and annotation
 * maps are sorted, so the same notification always gives the same bytes (and the same signature).
 */
public final class AlertmanagerPayload {

  /** What Alertmanager sends as {@code endsAt} of an alert that is still firing. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final JsonWriterFactory WRITERS = Json.createWriterFactory(Map.of());

  private AlertmanagerPayload() {}

  /**
   * The webhook body.
   *
   * @param extraCommonAnnotations merged into {@code commonAnnotations} (winning over shared ones),
   *     e.g. a digest summary; may be null
   */
  public static String build(
      String receiver,
      String status,
      String groupKey,
      Map<String, String> groupLabels,
      List<NotifiedAlert> alerts,
      int truncatedAlerts,
      String externalUrl,
      Map<String, String> extraCommonAnnotations) {
    Map<String, String> commonAnnotations = common(alerts, false);
    if (extraCommonAnnotations != null) {
      commonAnnotations.putAll(extraCommonAnnotations);
    }
    JsonArrayBuilder alertArray = Json.createArrayBuilder();
    for (NotifiedAlert alert : alerts) {
      alertArray.add(alert(alert));
    }
    JsonObject body =
        Json.createObjectBuilder()
            .add("version", "4")
            .add("groupKey", text(groupKey))
            .add("truncatedAlerts", truncatedAlerts)
            .add("status", text(status))
            .add("receiver", text(receiver))
            .add("groupLabels", object(groupLabels))
            .add("commonLabels", object(common(alerts, true)))
            .add("commonAnnotations", object(commonAnnotations))
            .add("externalURL", text(externalUrl))
            .add("alerts", alertArray)
            .build();
    StringWriter out = new StringWriter();
    try (JsonWriter writer = WRITERS.createWriter(out)) {
      writer.writeObject(body);
    }
    return out.toString();
  }

  /** An instant as Alertmanager writes it: RFC 3339 in UTC, at most millisecond precision. */
  static String time(Instant t) {
    return t == null
        ? ZERO_TIME
        : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  private static JsonObjectBuilder alert(NotifiedAlert alert) {
    boolean firing = "firing".equals(alert.status());
    return Json.createObjectBuilder()
        .add("status", text(alert.status()))
        .add("labels", object(alert.labels()))
        .add("annotations", object(alert.annotations()))
        .add("startsAt", time(alert.startsAt()))
        .add("endsAt", firing ? ZERO_TIME : time(alert.endsAt()))
        .add("generatorURL", text(alert.generatorUrl()))
        .add("fingerprint", text(alert.fingerprint()));
  }

  /** The pairs every alert has, of its labels or of its annotations; empty without alerts. */
  private static Map<String, String> common(List<NotifiedAlert> alerts, boolean labels) {
    if (alerts.isEmpty()) {
      return new HashMap<>();
    }
    Map<String, String> shared = new HashMap<>(pick(alerts.get(0), labels));
    for (NotifiedAlert alert : alerts.subList(1, alerts.size())) {
      Map<String, String> pairs = pick(alert, labels);
      shared.entrySet().removeIf(e -> !e.getValue().equals(pairs.get(e.getKey())));
    }
    return shared;
  }

  private static Map<String, String> pick(NotifiedAlert alert, boolean labels) {
    return labels ? alert.labels() : alert.annotations();
  }

  private static JsonObjectBuilder object(Map<String, String> map) {
    JsonObjectBuilder builder = Json.createObjectBuilder();
    if (map != null) {
      new TreeMap<>(map).forEach((k, v) -> builder.add(k, text(v)));
    }
    return builder;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
