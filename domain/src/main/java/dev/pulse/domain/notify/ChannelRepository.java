package dev.pulse.domain.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** ChannelRepository keeps the notification channels of every project, and their circuits. */
public interface ChannelRepository {

  void create(Channel channel);

  boolean update(Channel channel);

  boolean delete(String project, UUID id);

  Optional<Channel> find(String project, UUID id);

  List<Channel> list(String project);

  /** The circuits of the project's channels that ever failed; absent ones are closed. */
  Map<UUID, Circuit> circuits(String project);
}
