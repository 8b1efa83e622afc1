package dev.pulse.worker.application;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.rule.Rule;
import dev.pulse.domain.rule.RuleDraft;
import dev.pulse.domain.rule.RuleRepository;
import dev.pulse.domain.rule.StoredRule;
import dev.pulse.worker.alerting.AlertBook;
import dev.pulse.worker.alerting.Changes;
import dev.pulse.worker.alerting.RuleJson;
import dev.pulse.worker.alerting.RuleSet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * RuleService stores alert rules and announces every change to all nodes (each reloads its rule
 * set). A rule that is disabled or deleted resolves its open alerts, after this node has reloaded
 * its rules: resolved first, they could be raised again by a tick that still saw the rule.
 */
@ApplicationScoped
public class RuleService {

  @EJB RuleRepository rules;
  @EJB ChannelRepository channels;
  @EJB AlertBook book;
  @Inject Changes changes;

  /** A rule's draft from its JSON body (unknown fields and wrong types are in its errors). */
  public RuleDraft read(String json) {
    return RuleJson.read(json);
  }

  /** The ids of the project's channels, which a rule may notify. */
  public List<UUID> channelIds(String project) {
    return channels.list(project).stream().map(Channel::id).toList();
  }

  public Optional<StoredRule> find(String project, UUID id) {
    return rules.find(project, id);
  }

  /** Up to {@code limit} rules after {@code after} (null: from the first), oldest first. */
  public List<StoredRule> list(String project, UUID after, int limit) {
    return rules.list(project, after, limit);
  }

  public void create(StoredRule rule) {
    rules.create(rule);
    changes.rulesChanged();
  }

  /** Replaces {@code old} with {@code rule}; false when it no longer exists. */
  public boolean update(StoredRule old, StoredRule rule, UUID user) {
    if (!rules.update(rule)) {
      return false;
    }
    changes.rulesChanged();
    if (old.enabled() && !rule.enabled()) {
      resolveAlerts(old, "rule disabled by user " + user);
    }
    return true;
  }

  /** Enables or disables the rule; disabling resolves its open alerts. */
  public StoredRule switchTo(StoredRule old, boolean on, UUID user) {
    StoredRule rule =
        new StoredRule(
            old.id(), old.project(), old.draft().withEnabled(on), old.createdAt(), Instant.now());
    rules.update(rule);
    changes.rulesChanged();
    if (!on && old.enabled()) {
      resolveAlerts(old, "rule disabled by user " + user);
    }
    return rule;
  }

  /** Deletes the rule after resolving its open alerts. */
  public void delete(StoredRule old, UUID user) {
    rules.delete(old.project(), old.id());
    changes.rulesChanged();
    resolveAlerts(old, "rule deleted by user " + user);
  }

  private void resolveAlerts(StoredRule stored, String cause) {
    Rule rule = RuleSet.parse(stored);
    if (rule != null) {
      book.resolveRule(rule, cause, Instant.now());
    }
  }
}
