package dev.pulse.gateway.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/**
 * Fanout hands one announced change to every session of this node subscribed to its project: parsed
 * once, matched against each subscription's filter, queued on each matching session.
 */
@ApplicationScoped
public class Fanout {

  @Inject SessionRegistry registry;
  @Inject Subscriptions subscriptions;

  void alert(AlertMessage m) {
    for (LiveSession s : registry.watching(m.project())) {
      for (Subscription sub : s.subscriptions.values()) {
        if (sub.stream == Subscription.Stream.ALERTS && sub.project.equals(m.project())) {
          long missedFrom = sub.deliver(s, m);
          if (missedFrom >= 0) {
            subscriptions.replay(s, sub, missedFrom, false);
          }
        }
      }
    }
  }

  /** {@code {"samples": [{"name", "tags", "value", "at"}, ...]}}, the newest per series. */
  void metrics(String project, String message) {
    if (registry.watching(project).isEmpty()) {
      return;
    }
    JsonObject m;
    try (JsonReader r = Json.createReader(new StringReader(message))) {
      m = r.readObject();
    }
    for (JsonValue v : m.getJsonArray("samples")) {
      JsonObject sample = v.asJsonObject();
      String name = sample.getString("name");
      Map<String, String> tags = new HashMap<>();
      sample.getJsonObject("tags").forEach((k, t) -> tags.put(k, ((JsonString) t).getString()));
      String body = sample.toString().substring(1);
      for (LiveSession s : registry.watching(project)) {
        for (Subscription sub : s.subscriptions.values()) {
          if (sub.stream == Subscription.Stream.METRICS
              && sub.project.equals(project)
              && sub.matches(name, tags)) {
            s.send("{\"type\":\"metric\",\"sub\":" + Json.createValue(sub.id) + "," + body);
          }
        }
      }
    }
  }
}
