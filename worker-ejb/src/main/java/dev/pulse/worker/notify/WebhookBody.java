package dev.pulse.worker.notify;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WebhookBody turns a stored notification into the Alertmanager webhook body its channel receives:
 * one alert for firing, resolved and flapping notices, up to 50 for a digest with a summary of how
 * many were held back, a group's new and resolved alerts with the group's labels. A fallback notice
 * says in {@code commonAnnotations} which channel it was meant for and why it is here instead.
 */
final class WebhookBody {

  private WebhookBody() {}

  static String of(Claimed n, String receiver, String externalUrl) {
    return of(Notice.of(n, externalUrl), receiver, externalUrl);
  }

  static String of(Notice notice, String receiver, String externalUrl) {
    List<NotifiedAlert> alerts = notice.items().stream().map(Notice.Item::alert).toList();
    Map<String, String> extra = new TreeMap<>();
    if (notice.summary() != null) {
      extra.put("summary", notice.summary());
    }
    if (notice.fallback() != null) {
      extra.put("fallback_of", notice.fallback().channel());
      extra.put("fallback_reason", notice.fallback().reason());
    }
    Map<String, String> groupLabels = new TreeMap<>(notice.groupLabels());
    String groupKey;
    if ("group".equals(notice.kind())) {
      groupKey = "{}:" + groupLabels;
    } else {
      if (!alerts.isEmpty() && alerts.get(0).labels().containsKey("alertname")) {
        groupLabels.put("alertname", alerts.get(0).labels().get("alertname"));
      }
      groupKey = "{}:{rule=\"" + notice.ruleId() + "\"}";
    }
    return AlertmanagerPayload.build(
        receiver,
        notice.status(),
        groupKey,
        groupLabels,
        alerts,
        notice.truncated(),
        externalUrl,
        extra);
  }
}
