package dev.pulse.client.scenario;

import dev.pulse.client.ApiClient;
import dev.pulse.client.ApiException;
import dev.pulse.client.api.AlertingApi;
import dev.pulse.client.api.AuthApi;
import dev.pulse.client.api.EventsApi;
import dev.pulse.client.api.ProjectsApi;
import it.dev.pulse.support.Poll;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ClientScenario uses the Java client that openapi-generator made from Pulse's /openapi. It is a
 * test resource, not a test source: GeneratedClientIT compiles it together with the generated
 * sources, so every call below is checked against the generated API at compile time.
 *
 * <p>Method names are the operationIds (register, login, createProject, createKey, sendEvent,
 * getEvent; createChannel, testChannel, createRule, listAlerts, getAlert, getAlertHistory,
 * acknowledgeAlert, createSilence). Response types are left to {@code var}, and each request schema
 * is named once, fully qualified, so that a renamed schema is a one-line change here. Path
 * parameters come in the document's order: the alert's id before the project.
 */
public final class ClientScenario {

  private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);

  /** Nothing listens there: the channel's deliveries fail, which the test send reports. */
  private static final String NOWHERE = "http://127.0.0.1:9/generated-client";

  private ClientScenario() {}

  /**
   * Registers {@code email}, logs in, creates a project and an ingest key, sends an event with the
   * key and reads it back by id with the access token; then alerts on events through the alerting
   * API (see {@link #alerting}). Returns what was sent and what was read, by name, as plain strings
   * (the caller sees this class through another class loader).
   */
  public static Map<String, String> run(String baseUrl, String email, String password)
      throws ApiException {
    Map<String, String> result = new LinkedHashMap<>();

    // No credentials: /auth/* is open.
    AuthApi auth = new AuthApi(client(baseUrl, null, null));
    var user =
        auth.register(
            new dev.pulse.client.model.RegisterRequest()
                .email(email)
                .password(password)
                .name("Generated Client"));
    result.put("user.email", user.getEmail());
    result.put("user.id", user.getId().toString());
    var tokens =
        auth.login(new dev.pulse.client.model.LoginRequest().email(email).password(password));
    result.put("tokens.token_type", tokens.getTokenType());

    // The access token (securityScheme accessToken, HTTP bearer).
    ApiClient asUser = client(baseUrl, "Authorization", "Bearer " + tokens.getAccessToken());
    ProjectsApi projects = new ProjectsApi(asUser);
    String projectId = "genclient-" + UUID.randomUUID().toString().substring(0, 8);
    var project =
        projects.createProject(
            new dev.pulse.client.model.NewProject().id(projectId).name("Generated client"));
    result.put("project.id", project.getId());
    var key =
        projects.createKey(
            project.getId(), new dev.pulse.client.model.NewKeyRequest().name("generated-client"));
    result.put("key.prefix", key.getPrefix());

    // The ingest key (securityScheme ingestKey, header X-Pulse-Key).
    EventsApi asIngestor = new EventsApi(client(baseUrl, "X-Pulse-Key", key.getKey()));
    OffsetDateTime timestamp =
        Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    var input =
        new dev.pulse.client.model.EventInput()
            .type("client.generated")
            .source("openapi-generator")
            .timestamp(timestamp)
            .value(42.5)
            .tags(Map.of("client", "java-native"));
    result.put("sent.type", input.getType());
    result.put("sent.source", input.getSource());
    result.put("sent.timestamp", timestamp.toInstant().toString());
    var accepted = asIngestor.sendEvent(input, null);
    String id = accepted.getId().toString();
    result.put("accepted.id", id);

    // Stored asynchronously by the worker: 404 until then; any other failure ends the poll.
    EventsApi events = new EventsApi(asUser);
    var event =
        Poll.until(
            READ_BACK_TIMEOUT,
            "event " + id + " to be stored",
            () -> {
              try {
                return events.getEvent(id);
              } catch (ApiException e) {
                if (e.getCode() == 404) {
                  return null;
                }
                throw new AssertionError("getEvent " + id + ": " + e.getMessage(), e);
              }
            },
            found -> found != null);
    result.put("event.id", event.getId().toString());
    result.put("event.project", event.getProject());
    result.put("event.type", event.getType());
    result.put("event.source", event.getSource());
    result.put("event.timestamp", event.getTimestamp().toInstant().toString());
    result.put("event.value", String.valueOf(event.getValue()));
    result.put("event.tags", String.valueOf(event.getTags()));

    alerting(new AlertingApi(asUser), asIngestor, project.getId(), result);
    return result;
  }

  /**
   * Creates a webhook channel (nobody listens at its URL) and tests it, creates a rule that fires on
   * more than two events of a type within a minute, sends three, reads the alert and its history,
   * acknowledges it and silences it, all through typed models.
   */
  private static void alerting(
      AlertingApi alerting, EventsApi asIngestor, String projectId, Map<String, String> result)
      throws ApiException {
    var channel =
        alerting.createChannel(
            projectId,
            new dev.pulse.client.model.ChannelInput()
                .name("generated")
                .type("webhook")
                .url(NOWHERE)
                // The model starts with group_by = [], which would group all alerts in one.
                .groupBy(null));
    result.put("channel.id", channel.getId().toString());
    result.put("channel.type", String.valueOf(channel.getType()));
    result.put("channel.health", String.valueOf(channel.getHealth().getState()));
    var test = alerting.testChannel(channel.getId().toString(), projectId);
    result.put("test.status", String.valueOf(test.getStatus()));
    result.put("test.error", String.valueOf(test.getError()));
    result.put("test.notification_id", String.valueOf(test.getNotificationId()));

    String ruleName = "Generated client errors";
    var rule =
        alerting.createRule(
            projectId,
            new dev.pulse.client.model.RuleInput()
                .name(ruleName)
                .kind("threshold")
                .signal("events")
                .match(
                    new dev.pulse.client.model.RuleMatch()
                        .type("client.error")
                        .source("openapi-generator"))
                .aggregate("count")
                .window("1m")
                .op(">")
                .threshold(2.0)
                .severity("critical")
                .labels(Map.of("team", "generated"))
                .channels(List.of(channel.getId().toString())));
    result.put("rule.id", rule.getId().toString());
    result.put("rule.name", rule.getName());
    result.put("rule.enabled", String.valueOf(rule.getEnabled()));

    for (int i = 0; i < 3; i++) {
      asIngestor.sendEvent(
          new dev.pulse.client.model.EventInput()
              .type("client.error")
              .source("openapi-generator")
              .value(1.0),
          null);
    }
    // Evaluated once the worker stored the events; parameters after the project are optional.
    var alert =
        Poll.until(
                READ_BACK_TIMEOUT,
                "an alert of rule " + rule.getId(),
                () -> {
                  try {
                    return alerting
                        .listAlerts(projectId, null, null, null, null, null, null, null)
                        .getItems();
                  } catch (ApiException e) {
                    throw new AssertionError("listAlerts: " + e.getMessage(), e);
                  }
                },
                items -> items.stream().anyMatch(ClientScenario::firing))
            .stream()
            .filter(ClientScenario::firing)
            .findFirst()
            .orElseThrow();
    String alertId = alert.getId().toString();
    var read = alerting.getAlert(alertId, projectId);
    result.put("alert.id", read.getId().toString());
    result.put("alert.state", String.valueOf(read.getState()));
    result.put("alert.severity", String.valueOf(read.getSeverity()));
    result.put("alert.rule_id", String.valueOf(read.getRuleId()));
    result.put("alert.labels", String.valueOf(read.getLabels()));

    var history = alerting.getAlertHistory(alertId, projectId).getItems();
    result.put(
        "history.to",
        String.valueOf(
            history.stream().map(dev.pulse.client.model.AlertTransition::getTo).toList()));

    var acknowledged = alerting.acknowledgeAlert(alertId, projectId);
    result.put("ack.by", String.valueOf(acknowledged.getAcknowledgedBy()));

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    var silence =
        alerting.createSilence(
            projectId,
            new dev.pulse.client.model.SilenceInput()
                .matchers(
                    List.of(
                        new dev.pulse.client.model.SilenceMatcher()
                            .label("alertname")
                            .op("=")
                            .value(ruleName)))
                .startsAt(now.minusMinutes(1))
                .endsAt(now.plusHours(1))
                .comment("generated client"));
    result.put("silence.state", String.valueOf(silence.getState()));
    result.put("silence.muting_now", String.valueOf(silence.getMutingNow()));
    result.put("silence.next_window.ends_at", String.valueOf(silence.getNextWindow().getEndsAt()));
    result.put("silence.ends_at", String.valueOf(silence.getEndsAt()));
  }

  private static boolean firing(dev.pulse.client.model.Alert a) {
    return "firing".equals(String.valueOf(a.getState()));
  }

  /**
   * A client for {@code baseUrl} that adds one header to every request. The generated native client
   * has no authentication support of its own: credentials go in a request interceptor, which each
   * *Api object copies when it is constructed (so set it before creating them).
   */
  private static ApiClient client(String baseUrl, String header, String value) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUrl);
    client.setHttpClientBuilder(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)));
    client.setReadTimeout(Duration.ofSeconds(30));
    if (header != null) {
      client.setRequestInterceptor(request -> request.header(header, value));
    }
    return client;
  }
}
