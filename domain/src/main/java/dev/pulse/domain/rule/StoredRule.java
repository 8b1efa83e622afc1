package dev.pulse.domain.rule;

import java.time.Instant;
import java.util.UUID;

/** StoredRule is a rule as kept: its draft (exactly as written) and its bookkeeping. */
public record StoredRule(
    UUID id, String project, RuleDraft draft, Instant createdAt, Instant updatedAt) {

  public boolean enabled() {
    return draft.enabled() == null || draft.enabled();
  }
}
