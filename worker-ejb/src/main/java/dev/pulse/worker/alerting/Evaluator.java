package dev.pulse.worker.alerting;

import dev.pulse.domain.rule.Observation;
import dev.pulse.domain.rule.Rule;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluator runs the rules: after each persisted batch, on the groups the batch touched (so an
 * alert is raised as soon as its records are stored), and on the one-second tick, on every group of
 * every rule (windows slide, absence, {@code for} and {@code keep_firing_for} need time, not
 * records). Values come from the Redis windows, decisions are taken in {@link AlertBook}.
 */
@ApplicationScoped
public class Evaluator {

  private static final Logger LOG = System.getLogger(Evaluator.class.getName());

  @Inject RuleSet rules;
  @Inject RedisWindows windows;
  @Inject AlertingMetrics metrics;
  @EJB AlertBook book;

  public boolean hasRules() {
    return !rules.current().byId().isEmpty();
  }

  /** Feeds a persisted batch to the windows and evaluates the groups it touched. */
  public void onPersisted(List<Observation> batch) {
    RuleSet.Snapshot snapshot = rules.current();
    if (snapshot.byId().isEmpty() || batch.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    Map<Target, List<Observation>> matched = new LinkedHashMap<>();
    for (Observation o : batch) {
      for (Rule rule : snapshot.of(o.project())) {
        try {
          if (rule.matches(o)) {
            matched
                .computeIfAbsent(Target.of(rule, rule.groupLabels(o)), t -> new ArrayList<>())
                .add(o);
          }
        } catch (RuntimeException e) {
          failed(rule, e);
        }
      }
    }
    windows.add(matched, now);
    evaluate(matched.keySet(), now, false);
  }

  /** Evaluates every group of every rule, and every open alert. */
  public void tick(Instant now) {
    RuleSet.Snapshot snapshot = rules.current();
    Set<Target> targets = new LinkedHashSet<>();
    for (Rule rule : snapshot.byId().values()) {
      try {
        if (rule.groupBy().isEmpty()) {
          targets.add(Target.of(rule, new java.util.TreeMap<>()));
        } else {
          targets.addAll(windows.groups(rule, now));
        }
      } catch (RuntimeException e) {
        failed(rule, e);
      }
    }
    for (OpenState open : book.open()) {
      Rule rule = snapshot.byId().get(open.ruleId());
      if (rule != null) {
        targets.add(Target.of(rule, open.labels()));
      }
    }
    evaluate(targets, now, true);
  }

  private void evaluate(Collection<Target> targets, Instant now, boolean tick) {
    if (targets.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    Map<Target, Double> values = windows.read(targets, now);
    Map<String, StateRow> states = book.states(targets.stream().map(Target::fingerprint).toList());
    List<AlertBook.Decision> decisions = new ArrayList<>();
    Map<Rule, Integer> evaluated = new HashMap<>();
    for (Target t : targets) {
      StateRow row = states.getOrDefault(t.fingerprint(), StateRow.inactive(t.fingerprint()));
      try {
        var verdict =
            dev.pulse.domain.alert.RuleEvaluator.evaluate(
                t.rule(), row.state(), values.get(t), now);
        if (verdict.changes() || (verdict.confirmed() && row.alertId() != null && tick)) {
          decisions.add(new AlertBook.Decision(t, values.get(t)));
        }
        evaluated.merge(t.rule(), 1, Integer::sum);
      } catch (RuntimeException e) {
        failed(t.rule(), e);
      }
    }
    book.apply(decisions, now, tick);
    metrics.evaluated(evaluated.size(), System.nanoTime() - start);
  }

  private void failed(Rule rule, RuntimeException e) {
    metrics.ruleFailed();
    LOG.log(Level.WARNING, "Rule {0} ({1}) failed: {2}", rule.id(), rule.name(), e.toString());
  }
}
