package dev.pulse.worker.application;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.notify.ChannelRules;
import dev.pulse.domain.notify.Circuit;
import dev.pulse.domain.notify.TestOutcome;
import dev.pulse.worker.notify.ChannelTests;
import dev.pulse.worker.notify.NetworkGuard;
import dev.pulse.worker.notify.NotifyConfig;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * ChannelService stores a project's notification channels after the checks that need more than the
 * channel itself (its fallback is another channel of the project and following fallbacks never
 * loops; its URL is not an address this server refuses), and sends test notifications.
 */
@ApplicationScoped
public class ChannelService {

  @EJB ChannelRepository channels;
  @Inject ChannelTests tests;
  @Inject NotifyConfig config;

  public Optional<Channel> find(String project, UUID id) {
    return channels.find(project, id);
  }

  public List<Channel> list(String project) {
    return channels.list(project);
  }

  /** The circuit of each of the project's channels that has one. */
  public Map<UUID, Circuit> circuits(String project) {
    return channels.circuits(project);
  }

  /** What is wrong with the channel: its own fields, then its fallback chain. */
  public List<FieldError> errors(Channel ch) {
    List<FieldError> errors = new ArrayList<>(ChannelRules.check(ch));
    if (errors.isEmpty() && ch.fallback() != null) {
      fallbackError(ch).ifPresent(errors::add);
    }
    return errors;
  }

  /** Why this server refuses to send to the channel's URL (link-local, metadata...); or empty. */
  public Optional<String> urlRefusal(Channel ch) {
    return ch.url() == null
        ? Optional.empty()
        : NetworkGuard.refusal(URI.create(ch.url()), config.notifyAllowPrivateNetworks());
  }

  /** The SMTP server email channels send through; empty when none is configured. */
  public Optional<String> smtpHost() {
    return config.smtpHost();
  }

  public void create(Channel ch) {
    channels.create(ch);
  }

  public void update(Channel ch) {
    channels.update(ch);
  }

  /** Deletes the channel; false when there is no such channel. */
  public boolean delete(String project, UUID id) {
    return channels.delete(project, id);
  }

  /** Sends a test notification and waits up to {@code bound} for its first attempt. */
  public TestOutcome test(String project, UUID channel, Duration bound) {
    return tests.send(project, channel, bound);
  }

  /** The fallback must be another channel of the project, and following fallbacks never loops. */
  private Optional<FieldError> fallbackError(Channel ch) {
    Set<UUID> seen = new HashSet<>(List.of(ch.id()));
    UUID next = ch.fallback();
    while (next != null) {
      if (!seen.add(next)) {
        return Optional.of(new FieldError("fallback", "fallbacks would form a cycle"));
      }
      Optional<Channel> found = channels.find(ch.project(), next);
      if (found.isEmpty()) {
        return Optional.of(
            new FieldError(
                "fallback",
                next.equals(ch.fallback())
                    ? "no channel " + next + " in this project"
                    : "fallbacks lead to a deleted channel " + next));
      }
      next = found.get().fallback();
    }
    return Optional.empty();
  }
}
