package dev.pulse.worker.alerting;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.rule.Observation;
import dev.pulse.worker.stream.RecordObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Observations is the consumers' {@link RecordObserver}: it reads persisted events and samples as
 * {@link Observation}s and hands them to the {@link Evaluator}. A failure here is logged and
 * counted; the records are already stored and acked.
 */
@ApplicationScoped
public class Observations implements RecordObserver {

  private static final Logger LOG = System.getLogger(Observations.class.getName());
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  @Inject Evaluator evaluator;
  @Inject AlertingMetrics metrics;

  @Override
  public void persisted(EventLog.Kind kind, List<String> json) {
    if (!evaluator.hasRules()) {
      return; // no rule anywhere: do not parse the batch a second time on the consumer's path
    }
    try {
      List<Observation> batch = new ArrayList<>(json.size());
      for (String entry : json) {
        batch.add(parse(kind, entry));
      }
      evaluator.onPersisted(batch);
    } catch (RuntimeException e) {
      metrics.ruleFailed();
      LOG.log(Level.WARNING, "Evaluation of a batch of {0} failed: {1}", json.size(), e.toString());
    }
  }

  static Observation parse(EventLog.Kind kind, String entry) {
    JsonObject o;
    try (var reader = READERS.createReader(new StringReader(entry))) {
      o = reader.readObject();
    }
    Map<String, String> tags = new HashMap<>();
    JsonValue t = o.get("tags");
    if (t instanceof JsonObject obj) {
      obj.forEach((k, v) -> tags.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    JsonValue value = o.get("value");
    Double number = value instanceof JsonNumber n ? n.doubleValue() : null;
    String project = o.containsKey("project") ? o.getString("project") : "default";
    if (kind == EventLog.Kind.SAMPLE) {
      return Observation.sample(
          project,
          o.getString("id"),
          Instant.parse(o.getString("ts")),
          o.getString("name"),
          tags,
          number);
    }
    return Observation.event(
        project,
        o.getString("id"),
        Instant.parse(o.getString("occurred_at")),
        o.getString("type"),
        o.getString("source"),
        tags,
        number);
  }
}
