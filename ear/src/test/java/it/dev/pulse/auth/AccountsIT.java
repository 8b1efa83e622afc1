package it.dev.pulse.auth;

import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registration, login, token rotation and logout, and the user's own account, over HTTP. */
@ExtendWith(PulseServer.class)
class AccountsIT {

  @Test
  void registersOnceAndRefusesDuplicateOrWeakCredentials() {
    String email = Accounts.uniqueEmail("reg");
    String body = "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD + "\"}";
    HttpResponse<String> created = Api.as("POST", "/api/v1/auth/register", body);
    assertEquals(201, created.statusCode(), created.body());
    assertFalse(
        created.body().contains("password"), "the hash never leaves the server: " + created.body());
    assertProblem(
        Api.as("POST", "/api/v1/auth/register", body.replace(email, email.toUpperCase())), 409);
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/auth/register",
            "{\"email\":\"" + Accounts.uniqueEmail("short") + "\",\"password\":\"elevenchars\"}"),
        400,
        "password");
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/auth/register",
            "{\"email\":\"not-an-email\",\"password\":\"" + Accounts.PASSWORD + "\"}"),
        400,
        "email");
    assertProblem(Api.as("POST", "/api/v1/auth/register", "{\"email\":"), 400);
  }

  @Test
  void loginReturnsBearerTokensAndRefusesWrongPasswordsAlike() {
    Accounts.User user = Accounts.newUser("login");
    HttpResponse<String> login =
        Api.as(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + user.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
    JsonObject tokens = Api.object(login);
    assertEquals("Bearer", tokens.getString("token_type"));
    assertTrue(tokens.getInt("expires_in") > 0);
    assertEquals(3, tokens.getString("access_token").split("\\.").length, "a JWS");

    JsonObject wrong =
        assertProblem(
            Api.as(
                "POST",
                "/api/v1/auth/login",
                "{\"email\":\"" + user.email() + "\",\"password\":\"wrong password here\"}"),
            401);
    JsonObject unknown =
        assertProblem(
            Api.as(
                "POST",
                "/api/v1/auth/login",
                "{\"email\":\""
                    + Accounts.uniqueEmail("nobody")
                    + "\",\"password\":\"wrong password here\"}"),
            401);
    assertEquals(
        wrong.getString("detail"),
        unknown.getString("detail"),
        "no hint whether the account exists");
  }

  @Test
  void refreshTokensRotateAndAReusedOneRevokesItsFamily() {
    Accounts.User user = Accounts.newUser("rotate");
    JsonObject second = Api.object(refresh(user.refreshToken(), 200));
    assertNotEquals(user.refreshToken(), second.getString("refresh_token"));
    assertEquals(
        200,
        Api.as(
                "GET",
                "/api/v1/users/me",
                null,
                "Authorization",
                "Bearer " + second.getString("access_token"))
            .statusCode());

    // The first token again: a replay. It fails, and so does the legitimate newer one.
    assertProblem(refresh(user.refreshToken(), 401), 401);
    assertProblem(refresh(second.getString("refresh_token"), 401), 401);

    // Another login (another family) is unaffected.
    Accounts.User again = Accounts.login(user.id(), user.email());
    assertEquals(200, refresh(again.refreshToken(), 200).statusCode());
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    Accounts.User user = Accounts.newUser("logout");
    String body = "{\"refresh_token\":\"" + user.refreshToken() + "\"}";
    assertEquals(204, Api.as("POST", "/api/v1/auth/logout", body).statusCode());
    assertProblem(refresh(user.refreshToken(), 401), 401);
    assertEquals(204, Api.as("POST", "/api/v1/auth/logout", body).statusCode(), "idempotent");
  }

  @Test
  void usersReadChangeAndDeleteTheirOwnAccount() {
    Accounts.User user = Accounts.newUser("me");
    JsonObject me = Api.object(Api.as("GET", "/api/v1/users/me", null, user.bearer()));
    assertEquals(user.email(), me.getString("email"));

    HttpResponse<String> renamed =
        Api.as("PUT", "/api/v1/users/me", "{\"name\":\"Renamed\"}", user.bearer());
    assertEquals("Renamed", Api.object(renamed).getString("name"), renamed.body());
    assertProblem(
        Api.as("PUT", "/api/v1/users/me", "{\"password\":\"a brand new password\"}", user.bearer()),
        400,
        "current_password");
    assertProblem(
        Api.as(
            "PUT",
            "/api/v1/users/me",
            "{\"password\":\"a brand new password\",\"current_password\":\"not the password\"}",
            user.bearer()),
        403);
    assertEquals(
        200,
        Api.as(
                "PUT",
                "/api/v1/users/me",
                "{\"password\":\"a brand new password\",\"current_password\":\""
                    + Accounts.PASSWORD
                    + "\"}",
                user.bearer())
            .statusCode());
    assertProblem(refresh(user.refreshToken(), 401), 401); // a new password ends every session

    String project = Accounts.newProject(user, "solo");
    assertEquals(202, Api.as("DELETE", "/api/v1/users/me", null, user.bearer()).statusCode());
    assertProblem(Api.as("GET", "/api/v1/users/me", null, user.bearer()), 401);
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/auth/login",
            "{\"email\":\"" + user.email() + "\",\"password\":\"a brand new password\"}"),
        401);
    Accounts.User other = Accounts.newUser("other");
    assertProblem(Api.as("GET", "/api/v1/projects/" + project, null, other.bearer()), 404);
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/projects",
            "{\"id\":\"" + project + "\",\"name\":\"reused\"}",
            other.bearer()),
        409);
    assertEquals(
        0,
        Database.countEventsOf(project),
        "the deleted user's only-member project went with them, events included");
  }

  @Test
  void theOnlyOwnerOfASharedProjectCannotDeleteTheAccount() {
    Accounts.User owner = Accounts.newUser("owner");
    Accounts.User viewer = Accounts.newUser("viewer");
    String project = Accounts.newProject(owner, "shared");
    Accounts.addMember(owner, project, viewer, "viewer");
    JsonObject refused =
        assertProblem(Api.as("DELETE", "/api/v1/users/me", null, owner.bearer()), 409);
    assertTrue(refused.getString("detail").contains(project), refused.toString());
  }

  @Test
  void loginIsRateLimitedPerAccount() {
    Accounts.User user = Accounts.newUser("throttle");
    String wrong = "{\"email\":\"" + user.email() + "\",\"password\":\"wrong password here\"}";
    HttpResponse<String> last = null;
    for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
      last = Api.as("POST", "/api/v1/auth/login", wrong);
    }
    JsonObject problem = assertProblem(last, 429);
    assertTrue(problem.getString("title").contains("login-account"), problem.toString());
    long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 120, "Retry-After " + retryAfter);
    // Even the right password waits now: the limit counts attempts, not failures.
    assertEquals(
        429,
        Api.as(
                "POST",
                "/api/v1/auth/login",
                "{\"email\":\"" + user.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
            .statusCode());
    assertTrue(
        Api.get("/metrics")
            .body()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("pulse_auth_logins_total{")
                        && l.contains("outcome=\"throttled\"")),
        "throttled logins are counted");
  }

  private static HttpResponse<String> refresh(String token, int expected) {
    HttpResponse<String> response =
        Api.as("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    assertEquals(expected, response.statusCode(), response.body());
    return response;
  }
}
