package dev.pulse.worker.alerting;

import dev.pulse.domain.alert.Fingerprint;
import dev.pulse.domain.rule.Rule;
import java.util.SortedMap;

/** Target is one group of one rule: the unit that has a window, a state and alerts. */
public record Target(
    Rule rule, SortedMap<String, String> labels, String groupKey, String fingerprint) {

  public static Target of(Rule rule, SortedMap<String, String> labels) {
    return new Target(
        rule,
        labels,
        Fingerprint.groupKey(labels),
        Fingerprint.of(rule.project(), rule.id(), labels));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Target t && t.fingerprint.equals(fingerprint);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }
}
