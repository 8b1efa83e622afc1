package dev.pulse.worker.notify;

import java.time.Instant;
import java.util.Map;

/**
 * NotifiedAlert is one alert as it goes out in a notification, shaped like an entry of
 * Alertmanager's webhook {@code alerts} array.
 *
 * @param status "firing" or "resolved"
 * @param endsAt null while firing
 */
public record NotifiedAlert(
    String status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String fingerprint,
    String generatorUrl) {

  public NotifiedAlert {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
