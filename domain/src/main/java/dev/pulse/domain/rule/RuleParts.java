package dev.pulse.domain.rule;

import dev.pulse.domain.event.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** RuleParts checks the structured fields of a rule draft for {@link RuleRules}. */
final class RuleParts {

  private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.:/-]{1,100}");

  private RuleParts() {}

  static Rule.Match match(RuleDraft.MatchDraft m, Rule.Signal signal, List<FieldError> e) {
    if (m == null) {
      m = new RuleDraft.MatchDraft(null, null, null, null);
    }
    if (signal == Rule.Signal.METRIC) {
      if (m.name() == null || m.name().isBlank()) {
        e.add(new FieldError("match.name", "metric rules match one metric name"));
      }
      RuleRules.forbid(m.type(), "match.type", "metric rules match name and tags", e);
      RuleRules.forbid(m.source(), "match.source", "metric rules match name and tags", e);
    } else if (signal == Rule.Signal.EVENTS) {
      RuleRules.forbid(m.name(), "match.name", "event rules match type, source and tags", e);
    }
    RuleRules.text(m.type(), "match.type", 100, false, e);
    RuleRules.text(m.source(), "match.source", 200, false, e);
    RuleRules.text(m.name(), "match.name", 200, false, e);
    Map<String, String> tags = m.tags() == null ? Map.of() : m.tags();
    if (tags.size() > RuleRules.MAX_PAIRS) {
      e.add(new FieldError("match.tags", "at most " + RuleRules.MAX_PAIRS + " tags"));
    }
    Map<String, String> valid = new LinkedHashMap<>();
    tags.forEach(
        (k, v) -> {
          if (k == null || !TAG_KEY.matcher(k).matches() || v == null || v.length() > 200) {
            e.add(new FieldError("match.tags", "tag " + k + " must be a key and a string value"));
          } else {
            valid.put(k, v);
          }
        });
    return new Rule.Match(m.type(), m.source(), m.name(), Map.copyOf(valid));
  }

  static List<String> groupBy(List<String> fields, Rule.Signal signal, List<FieldError> e) {
    if (fields == null) {
      return List.of();
    }
    if (fields.size() > RuleRules.MAX_GROUP_BY) {
      e.add(new FieldError("group_by", "at most " + RuleRules.MAX_GROUP_BY + " fields"));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      String field = "group_by[" + i + "]";
      boolean known =
          f != null
              && (f.startsWith("tags.") && TAG_KEY.matcher(f.substring(5)).matches()
                  || (signal != Rule.Signal.METRIC && ("source".equals(f) || "type".equals(f)))
                  || (signal != Rule.Signal.EVENTS && "name".equals(f)));
      if (!known) {
        e.add(
            new FieldError(
                field,
                "unknown field "
                    + f
                    + ": group by "
                    + (signal == Rule.Signal.METRIC ? "name" : "source, type")
                    + " or tags.<key>"));
      } else if (out.contains(f)
          || out.stream().anyMatch(o -> Rule.labelOf(o).equals(Rule.labelOf(f)))) {
        e.add(new FieldError(field, "grouped twice by " + f));
      } else {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  static Aggregate aggregate(String value, List<FieldError> e) {
    if (value == null) {
      e.add(new FieldError("aggregate", "aggregate is required"));
      return null;
    }
    return Aggregate.parse(value)
        .orElseGet(
            () -> {
              e.add(
                  new FieldError(
                      "aggregate",
                      "aggregate must be one of count, sum, avg, min, max, p95, last"));
              return null;
            });
  }

  static Op op(String value, List<FieldError> e) {
    if (value == null) {
      e.add(new FieldError("op", "op is required"));
      return null;
    }
    return Op.parse(value)
        .orElseGet(
            () -> {
              e.add(new FieldError("op", "op must be one of >, >=, <, <=, ==, !="));
              return null;
            });
  }

  static void threshold(Double threshold, Double recover, Op op, List<FieldError> e) {
    if (threshold == null || !Double.isFinite(threshold)) {
      e.add(new FieldError("threshold", "threshold is required (a finite number)"));
      return;
    }
    if (recover == null || op == null) {
      return;
    }
    if (!Double.isFinite(recover)) {
      e.add(new FieldError("recover_threshold", "recover_threshold must be a finite number"));
    } else if (op.isUpward() && recover > threshold) {
      e.add(
          new FieldError(
              "recover_threshold", "with op " + op.symbol() + " it must be <= threshold"));
    } else if (op.isDownward() && recover < threshold) {
      e.add(
          new FieldError(
              "recover_threshold", "with op " + op.symbol() + " it must be >= threshold"));
    } else if (!op.isUpward() && !op.isDownward()) {
      e.add(new FieldError("recover_threshold", "hysteresis needs op >, >=, < or <="));
    }
  }

  static List<UUID> channels(List<String> ids, Collection<UUID> known, List<FieldError> e) {
    if (ids == null) {
      return List.of();
    }
    List<UUID> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      UUID id = null;
      try {
        id = ids.get(i) == null ? null : UUID.fromString(ids.get(i));
      } catch (IllegalArgumentException bad) {
        // reported below
      }
      if (id == null || !known.contains(id)) {
        e.add(
            new FieldError("channels[" + i + "]", "no channel " + ids.get(i) + " in this project"));
      } else if (!out.contains(id)) {
        out.add(id);
      }
    }
    return List.copyOf(out);
  }
}
