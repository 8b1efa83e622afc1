package dev.pulse.client.scenario;

import dev.pulse.client.ApiClient;
import dev.pulse.client.ApiException;
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
import java.util.Map;
import java.util.UUID;

/**
 * ClientScenario uses the Java client that openapi-generator made from Pulse's /openapi. It is a
 * test resource, not a test source: GeneratedClientIT compiles it together with the generated
 * sources, so every call below is checked against the generated API at compile time.
 *
 * <p>Method names are the operationIds (register, login, createProject, createKey, sendEvent,
 * getEvent). Response types are left to {@code var}, and each request schema is named once, fully
 * qualified, so that a renamed schema is a one-line change here.
 */
public final class ClientScenario {

  private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);

  private ClientScenario() {}

  /**
   * Registers {@code email}, logs in, creates a project and an ingest key, sends an event with the
   * key and reads it back by id with the access token. Returns what was sent and what was read, by
   * name, as plain strings (the caller sees this class through another class loader).
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
    return result;
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
