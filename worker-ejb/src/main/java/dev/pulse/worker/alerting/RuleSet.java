package dev.pulse.worker.alerting;

import dev.pulse.domain.rule.Rule;
import dev.pulse.domain.rule.RuleRepository;
import dev.pulse.domain.rule.RuleRules;
import dev.pulse.domain.rule.StoredRule;
import dev.pulse.worker.notify.RuleLimits;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RuleSet is this node's copy of every enabled rule, swapped whole on each reload: an evaluation
 * sees the old set or the new one, never half of each. A reload follows every change made through
 * the API (announced on Redis pub/sub) and runs periodically to cover a missed announcement.
 */
@ApplicationScoped
public class RuleSet implements RuleLimits {

  private static final Logger LOG = System.getLogger(RuleSet.class.getName());

  /** The enabled rules, by project and by id. */
  public record Snapshot(Map<String, List<Rule>> byProject, Map<UUID, Rule> byId) {
    public List<Rule> of(String project) {
      return byProject.getOrDefault(project, List.of());
    }
  }

  @EJB RuleRepository rules;

  private final AtomicReference<Snapshot> current =
      new AtomicReference<>(new Snapshot(Map.of(), Map.of()));

  @Override
  public int notificationsPerMinute(UUID rule) {
    Rule r = current().byId().get(rule);
    return r == null ? RuleRules.DEFAULT_NOTIFICATIONS_PER_MINUTE : r.maxNotificationsPerMinute();
  }

  public Snapshot current() {
    return current.get();
  }

  /** Reads every rule again and swaps the set in one step. */
  public void reload() {
    Map<String, List<Rule>> byProject = new HashMap<>();
    Map<UUID, Rule> byId = new HashMap<>();
    for (StoredRule stored : rules.all()) {
      if (!stored.enabled()) {
        continue;
      }
      Rule rule = parse(stored);
      if (rule != null) {
        byProject.computeIfAbsent(rule.project(), p -> new ArrayList<>()).add(rule);
        byId.put(rule.id(), rule);
      }
    }
    byProject.replaceAll((p, l) -> List.copyOf(l));
    current.set(new Snapshot(Map.copyOf(byProject), Map.copyOf(byId)));
  }

  /** The rule a stored draft describes; its channels were checked when it was written. */
  public static Rule parse(StoredRule stored) {
    List<UUID> channels = new ArrayList<>();
    if (stored.draft().channels() != null) {
      for (String c : stored.draft().channels()) {
        try {
          channels.add(UUID.fromString(c));
        } catch (IllegalArgumentException ignored) {
          // refused by the parse below
        }
      }
    }
    RuleRules.Parsed parsed =
        RuleRules.parse(
            stored.id(),
            stored.project(),
            stored.draft(),
            channels,
            stored.createdAt(),
            stored.updatedAt());
    if (!parsed.isValid()) {
      LOG.log(
          Level.WARNING, "Rule {0} is not valid and is skipped: {1}", stored.id(), parsed.errors());
      return null;
    }
    return parsed.rule();
  }
}
