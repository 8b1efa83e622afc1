package dev.pulse.worker.stream;

import dev.pulse.domain.event.EventLog;
import java.util.List;

/**
 * RecordObserver hears of records after they were committed and acked (rule evaluation). It runs
 * after the ack, so it can neither delay nor endanger persistence; a failure is its own to handle.
 */
@FunctionalInterface
public interface RecordObserver {

  void persisted(EventLog.Kind kind, List<String> json);

  RecordObserver NONE = (kind, json) -> {};
}
