package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

  private static final Instant START = Instant.parse("2026-01-02T03:04:05.678912Z");
  private static final Instant END = Instant.parse("2026-01-02T04:00:00Z");

  private static final NotifiedAlert FIRING =
      new NotifiedAlert(
          "firing",
          Map.of("alertname", "HighErrorRate", "service", "api", "severity", "critical"),
          Map.of("summary", "errors above 5%", "runbook", "https://runbooks/errors"),
          START,
          null,
          "a1b2c3",
          "https://pulse.example/rules/7");
  private static final NotifiedAlert RESOLVED =
      new NotifiedAlert(
          "resolved",
          Map.of("alertname", "HighErrorRate", "service", "web", "severity", "critical"),
          Map.of("summary", "errors above 5%", "runbook", "https://runbooks/other"),
          START,
          END,
          "d4e5f6",
          "https://pulse.example/rules/7");

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static String build(List<NotifiedAlert> alerts, Map<String, String> extra) {
    return AlertmanagerPayload.build(
        "ops-webhook",
        "firing",
        "{}:{alertname=\"HighErrorRate\"}",
        Map.of("alertname", "HighErrorRate"),
        alerts,
        3,
        "https://pulse.example",
        extra);
  }

  @Test
  void writesEveryTopLevelFieldOfVersionFour() {
    JsonObject body = parse(build(List.of(FIRING, RESOLVED), null));

    assertEquals(
        List.of(
            "version",
            "groupKey",
            "truncatedAlerts",
            "status",
            "receiver",
            "groupLabels",
            "commonLabels",
            "commonAnnotations",
            "externalURL",
            "alerts"),
        List.copyOf(body.keySet()));
    assertEquals("4", body.getString("version"));
    assertEquals("{}:{alertname=\"HighErrorRate\"}", body.getString("groupKey"));
    assertEquals(3, body.getInt("truncatedAlerts"));
    assertEquals("firing", body.getString("status"));
    assertEquals("ops-webhook", body.getString("receiver"));
    assertEquals(parse("{\"alertname\":\"HighErrorRate\"}"), body.getJsonObject("groupLabels"));
    assertEquals("https://pulse.example", body.getString("externalURL"));
    assertEquals(2, body.getJsonArray("alerts").size());
  }

  @Test
  void commonLabelsAndAnnotationsAreThePairsEveryAlertShares() {
    JsonObject body = parse(build(List.of(FIRING, RESOLVED), null));

    assertEquals(
        parse("{\"alertname\":\"HighErrorRate\",\"severity\":\"critical\"}"),
        body.getJsonObject("commonLabels"));
    assertEquals(
        parse("{\"summary\":\"errors above 5%\"}"), body.getJsonObject("commonAnnotations"));
  }

  @Test
  void extraCommonAnnotationsAreMergedIn() {
    JsonObject body =
        parse(build(List.of(FIRING), Map.of("digest", "12 notifications were held back")));

    JsonObject annotations = body.getJsonObject("commonAnnotations");
    assertEquals("12 notifications were held back", annotations.getString("digest"));
    assertEquals("errors above 5%", annotations.getString("summary"));
    assertEquals("https://runbooks/errors", annotations.getString("runbook"));
  }

  @Test
  void withoutAlertsTheCommonMapsAreEmpty() {
    JsonObject body = parse(build(List.of(), null));

    assertTrue(body.getJsonObject("commonLabels").isEmpty());
    assertTrue(body.getJsonObject("commonAnnotations").isEmpty());
    assertTrue(body.getJsonArray("alerts").isEmpty());
  }

  @Test
  void writesEveryAlertFieldWithMillisecondUtcTimes() {
    JsonObject body = parse(build(List.of(FIRING, RESOLVED), null));
    JsonObject firing = body.getJsonArray("alerts").getJsonObject(0);
    JsonObject resolved = body.getJsonArray("alerts").getJsonObject(1);

    assertEquals(
        List.of(
            "status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"),
        List.copyOf(firing.keySet()));
    assertEquals("firing", firing.getString("status"));
    assertEquals("api", firing.getJsonObject("labels").getString("service"));
    assertEquals(
        "https://runbooks/errors", firing.getJsonObject("annotations").getString("runbook"));
    assertEquals("2026-01-02T03:04:05.678Z", firing.getString("startsAt"));
    assertEquals("0001-01-01T00:00:00Z", firing.getString("endsAt"));
    assertEquals("https://pulse.example/rules/7", firing.getString("generatorURL"));
    assertEquals("a1b2c3", firing.getString("fingerprint"));
    assertEquals("resolved", resolved.getString("status"));
    assertEquals("2026-01-02T04:00:00Z", resolved.getString("endsAt"));
    assertEquals("d4e5f6", resolved.getString("fingerprint"));
  }

  @Test
  void theSameNotificationAlwaysGivesTheSameBytesWithSortedKeys() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("zone", "eu-1");
    labels.put("alertname", "Disk");
    labels.put("instance", "db-1");
    NotifiedAlert alert = new NotifiedAlert("firing", labels, Map.of(), START, null, "f", "");
    String first = build(List.of(alert), null);

    assertEquals(first, build(List.of(alert), null));
    int alertname = first.indexOf("\"alertname\":\"Disk\"");
    int instance = first.indexOf("\"instance\"");
    int zone = first.indexOf("\"zone\"");
    assertTrue(alertname >= 0 && alertname < instance && instance < zone, first);
  }
}
