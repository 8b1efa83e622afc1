package dev.pulse.ingest.alerting;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.Grouping;
import dev.pulse.domain.rule.Durations;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ChannelJson reads a channel from its JSON, collecting every field it cannot read as a {@link
 * FieldError}. Header values, a webhook's secret and a Slack URL's path are write-only
 * (ChannelViews never shows them), so omitted ones are kept on PUT when the type stays the same.
 */
final class ChannelJson {

  private ChannelJson() {}

  /** The channel the body describes, {@code old} for what it omits; errors go into {@code e}. */
  static Channel read(
      UUID id,
      String project,
      JsonObject body,
      Channel old,
      Instant created,
      Instant updated,
      List<FieldError> e) {
    String type = body.containsKey("type") ? text(body, "type") : Channel.WEBHOOK;
    Channel same = old != null && old.type().equals(type) ? old : null;
    boolean slack = Channel.SLACK.equals(type);
    String url = text(body, "url");
    if (url == null && slack && same != null) {
      url = same.url(); // write-only: omitted means unchanged
    }
    Map<String, String> headers =
        body.get("headers") instanceof JsonObject h
            ? strings(h)
            : same == null ? Map.of() : same.headers();
    String secret =
        body.containsKey("secret") ? text(body, "secret") : same == null ? null : same.secret();
    List<String> recipients = list(body, "recipients", e);
    UUID fallback = null;
    if (body.containsKey("fallback") && body.get("fallback") != JsonValue.NULL) {
      try {
        fallback = UUID.fromString(text(body, "fallback"));
      } catch (RuntimeException bad) {
        e.add(new FieldError("fallback", "fallback must be the id of a channel"));
      }
    }
    String name = text(body, "name");
    return new Channel(
        id,
        project,
        name == null ? null : name.strip(),
        type,
        Channel.EMAIL.equals(type) ? null : url,
        headers,
        secret,
        recipients,
        grouping(body, e),
        fallback,
        created,
        updated);
  }

  private static Grouping grouping(JsonObject body, List<FieldError> e) {
    List<String> timings = List.of("group_wait", "group_interval", "repeat_interval");
    if (!body.containsKey("group_by") || body.get("group_by") == JsonValue.NULL) {
      timings.stream()
          .filter(body::containsKey)
          .forEach(f -> e.add(new FieldError(f, f + " needs group_by")));
      return null;
    }
    List<String> by = list(body, "group_by", e);
    Duration[] d = new Duration[3];
    for (int i = 0; i < 3; i++) {
      String field = timings.get(i);
      if (body.containsKey(field)) {
        d[i] = Durations.parse(text(body, field)).orElse(null);
        if (d[i] == null) {
          e.add(new FieldError(field, field + " must be a duration such as 10s, 5m or 4h"));
        }
      }
    }
    return new Grouping(by, d[0], d[1], d[2]);
  }

  private static List<String> list(JsonObject body, String field, List<FieldError> e) {
    JsonValue v = body.get(field);
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      e.add(new FieldError(field, field + " must be an array of strings"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) instanceof JsonString s) {
        out.add(s.getString());
      } else {
        e.add(new FieldError(field + "[" + i + "]", "must be a string"));
      }
    }
    return out;
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    o.forEach((k, v) -> out.put(k, v instanceof JsonString s ? s.getString() : null));
    return out;
  }
}
