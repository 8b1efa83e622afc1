package it.dev.pulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

/** Project is a fresh owner, project and ingest key of one live test, with the calls it needs. */
record Project(Accounts.User owner, String id, String key) {

  static Project create(String name) {
    Accounts.User owner = Accounts.newUser(name);
    String project = Accounts.newProject(owner, name);
    return new Project(owner, project, Accounts.newKey(owner, project, null).getString("key"));
  }

  JsonObject expect(int status, String method, String rest, String body) {
    HttpResponse<String> r = Api.as(method, "/api/v1/projects/" + id + rest, body, owner.bearer());
    assertEquals(status, r.statusCode(), method + " " + rest + ": " + r.body());
    return r.body().isEmpty() ? JsonObject.EMPTY_JSON_OBJECT : Api.object(r);
  }

  /** More than two errors of {@code source} within a minute fire at once, with this severity. */
  JsonObject newRule(String name, String source, String severity) {
    JsonObject rule =
        Json.createObjectBuilder()
            .add("name", name)
            .add("kind", "threshold")
            .add("signal", "events")
            .add(
                "match", Json.createObjectBuilder().add("type", "http.error").add("source", source))
            .add("aggregate", "count")
            .add("window", "1m")
            .add("group_by", Json.createArrayBuilder().add("source"))
            .add("op", ">")
            .add("threshold", 2)
            .add("for", "0s")
            .add("severity", severity)
            .build();
    return expect(201, "POST", "/rules", rule.toString());
  }

  /** Sends {@code n} errors of {@code source} dated now, as one batch. */
  void sendErrors(String source, int n) {
    JsonArrayBuilder batch = Json.createArrayBuilder();
    for (int i = 0; i < n; i++) {
      batch.add(
          Json.createObjectBuilder()
              .add("id", UUID.randomUUID().toString())
              .add("type", "http.error")
              .add("source", source)
              .add("timestamp", Instant.now().toString()));
    }
    accepted(Api.as("POST", "/api/v1/events/batch", batch.build().toString(), "X-Pulse-Key", key));
  }

  /** Sends metric samples with the ingest key. */
  void sendSamples(JsonArray samples) {
    accepted(Api.as("POST", "/api/v1/metrics", samples.toString(), "X-Pulse-Key", key));
  }

  private static void accepted(HttpResponse<String> sent) {
    assertEquals(202, sent.statusCode(), sent.body());
  }

  static JsonObject subscribeAlerts(String sub, String project) {
    return Json.createObjectBuilder()
        .add("op", "subscribe")
        .add("id", sub)
        .add("project", project)
        .add("stream", "alerts")
        .build();
  }
}
