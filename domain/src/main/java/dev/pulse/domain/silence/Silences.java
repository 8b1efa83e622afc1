package dev.pulse.domain.silence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Silences is an immutable snapshot of silences, grouped by project, that answers whether an
 * alert's notification is muted and by which silences.
 */
public final class Silences {

  private final Map<String, List<Silence>> byProject;

  private Silences(Map<String, List<Silence>> byProject) {
    this.byProject = byProject;
  }

  public static Silences of(Collection<Silence> silences) {
    return new Silences(
        Map.copyOf(
            silences.stream()
                .collect(
                    Collectors.groupingBy(
                        Silence::project,
                        Collectors.collectingAndThen(Collectors.toList(), List::copyOf)))));
  }

  /** The silences of {@code project} that mute these labels at {@code now}; empty if none. */
  public List<Silence> muting(String project, Map<String, String> labels, Instant now) {
    return byProject.getOrDefault(project, List.of()).stream()
        .filter(s -> s.mutes(labels, now))
        .toList();
  }

  /** Whether any silence of {@code project} mutes these labels at {@code now}. */
  public boolean mutes(String project, Map<String, String> labels, Instant now) {
    return byProject.getOrDefault(project, List.of()).stream().anyMatch(s -> s.mutes(labels, now));
  }
}
