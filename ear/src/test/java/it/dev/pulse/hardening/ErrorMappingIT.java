package it.dev.pulse.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Accounts.User;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.TestEnv;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What failures look like from outside: a conflict with stored data is 409, never an "outage" 503;
 * bodies the parser cannot read are 400 at any nesting depth; a 202 carries no challenge.
 */
@ExtendWith(it.dev.pulse.support.PulseServer.class)
class ErrorMappingIT {

  @Test
  void takingAnotherAccountsEmailIsAConflict() {
    User ada = Accounts.newUser("ada");
    User bob = Accounts.newUser("bob");

    HttpResponse<String> response =
        Api.as(
            "PUT",
            "/api/v1/users/me",
            "{\"email\":\""
                + ada.email()
                + "\",\"current_password\":\""
                + Accounts.PASSWORD
                + "\"}",
            bob.bearer());

    JsonObject problem = Problems.assertProblem(response, 409, "email");
    assertFalse(response.body().contains("Exception"), "no stack trace: " + response.body());
    assertTrue(problem.getString("detail").contains("email"));
  }

  @Test
  void twoUsersTakingTheSameEmailAtOnceGetOneSuccessAndOneConflict() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        User ada = Accounts.newUser("race-a");
        User bob = Accounts.newUser("race-b");
        String wanted = Accounts.uniqueEmail("wanted");
        List<Callable<HttpResponse<String>>> both = new ArrayList<>();
        for (User user : List.of(ada, bob)) {
          both.add(
              () ->
                  Api.as(
                      "PUT",
                      "/api/v1/users/me",
                      "{\"email\":\""
                          + wanted
                          + "\",\"current_password\":\""
                          + Accounts.PASSWORD
                          + "\"}",
                      user.bearer()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : pool.invokeAll(both)) {
          HttpResponse<String> r = f.get();
          statuses.add(r.statusCode());
          if (r.statusCode() != 200) {
            Problems.assertProblem(r, 409);
          }
        }
        statuses.sort(null);
        assertEquals(List.of(200, 409), statuses, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/events",
        "/api/v1/events/batch",
        "/ingest",
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh"
      })
  void jsonNestedFarTooDeepIsABadRequest(String path) {
    for (int depth : new int[] {1_001, 100_000}) {
      String deep = "[".repeat(depth) + "]".repeat(depth);
      String inObject = "{\"type\":" + deep + "}";
      for (String body : List.of(deep, inObject)) {
        HttpResponse<String> response =
            Api.as("POST", path, body, "X-Pulse-Key", TestEnv.BOOTSTRAP_KEY);
        Problems.assertProblem(response, 400);
      }
    }
  }

  @Test
  void anAcceptedEventCarriesNoAuthenticationChallenge() {
    HttpResponse<String> response =
        Api.as(
            "POST",
            "/api/v1/events/batch",
            "[{\"type\":\"t\",\"source\":\"s\"}]",
            "Authorization",
            "Bearer " + TestEnv.BOOTSTRAP_KEY);

    assertEquals(202, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").isEmpty(),
        "challenge on a 202: " + response.headers().map());
  }

  @Test
  void aRejectedKeyStillGetsItsChallenge() {
    HttpResponse<String> response =
        Api.as(
            "POST",
            "/api/v1/events",
            "{\"type\":\"t\",\"source\":\"s\"}",
            "Authorization",
            "Bearer pulse_not_a_key_of_this_server_000");

    Problems.assertProblem(response, 401);
    assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /api/v1/events/batch POST",
        "DELETE /api/v1/events GET",
        "PUT /api/v1/auth/login POST",
        "DELETE /api/v1/projects/default/alerts GET",
        "GET /ingest POST",
      })
  void aMethodThePathDoesNotAllowIs405WithAllow(String call) {
    String[] parts = call.split(" ");
    User user = Accounts.newUser("wrong-method");
    HttpResponse<String> response = Api.as(parts[0], parts[1], null, user.bearer());

    Problems.assertProblem(response, 405);
    String allow = response.headers().firstValue("Allow").orElse("");
    assertTrue(allow.contains(parts[2]), parts[1] + " Allow: " + allow);
    assertFalse(allow.contains(parts[0]), parts[1] + " Allow: " + allow);
  }
}
