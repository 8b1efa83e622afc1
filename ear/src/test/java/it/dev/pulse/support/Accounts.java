package it.dev.pulse.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Accounts sets up users, projects and keys through the public API, each unique to its test. */
public final class Accounts {

  public static final String PASSWORD = "correct horse battery";

  private Accounts() {}

  /** A registered and logged-in user. */
  public record User(String id, String email, String accessToken, String refreshToken) {
    public String[] bearer() {
      return new String[] {"Authorization", "Bearer " + accessToken};
    }
  }

  public static String uniqueEmail(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@pulse.test";
  }

  public static User newUser(String who) {
    String email = uniqueEmail(who);
    HttpResponse<String> created =
        Api.as(
            "POST",
            "/api/v1/auth/register",
            "{\"email\":\""
                + email
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"name\":\""
                + who
                + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return login(Api.object(created).getString("id"), email);
  }

  public static User login(String id, String email) {
    HttpResponse<String> login =
        Api.as(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    assertEquals(200, login.statusCode(), login.body());
    JsonObject tokens = Api.object(login);
    return new User(id, email, tokens.getString("access_token"), tokens.getString("refresh_token"));
  }

  /** Creates a project owned by {@code owner}; returns its id. */
  public static String newProject(User owner, String name) {
    String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        Api.as(
            "POST",
            "/api/v1/projects",
            "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}",
            owner.bearer());
    assertEquals(201, created.statusCode(), created.body());
    return id;
  }

  /** Creates an ingest key (quota null for none); returns the whole response. */
  public static JsonObject newKey(User admin, String project, Long eventsPerMinute) {
    String quota = eventsPerMinute == null ? "" : ",\"events_per_minute\":" + eventsPerMinute;
    HttpResponse<String> created =
        Api.as(
            "POST",
            "/api/v1/projects/" + project + "/keys",
            "{\"name\":\"k\"" + quota + "}",
            admin.bearer());
    assertEquals(201, created.statusCode(), created.body());
    return Api.object(created);
  }

  public static void addMember(User admin, String project, User member, String role) {
    HttpResponse<String> added =
        Api.as(
            "POST",
            "/api/v1/projects/" + project + "/members",
            "{\"email\":\"" + member.email() + "\",\"role\":\"" + role + "\"}",
            admin.bearer());
    assertEquals(201, added.statusCode(), added.body());
  }

  /** Sends one event with an ingest key; returns the response. */
  public static HttpResponse<String> sendWithKey(String key, String type) {
    return Api.as(
        "POST", "/api/v1/events", Events.json(UUID.randomUUID(), type, "svc"), "X-Pulse-Key", key);
  }
}
