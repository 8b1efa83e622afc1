package dev.pulse.domain.rule;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** RuleRepository keeps the rules of every project. */
public interface RuleRepository {

  void create(StoredRule rule);

  /**
   * @return false when the rule does not exist (in that project)
   */
  boolean update(StoredRule rule);

  boolean delete(String project, UUID id);

  Optional<StoredRule> find(String project, UUID id);

  /**
   * A page of a project's rules, oldest first, after the rule {@code after} (null: from the start).
   */
  List<StoredRule> list(String project, UUID after, int limit);

  /** Every rule of every live project, enabled or not. */
  List<StoredRule> all();
}
