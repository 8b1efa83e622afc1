package it.dev.pulse.auth;

import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.Tokens;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad access token is refused with 401 and a problem body, on the container-protected
 * URLs as on the ingestion URLs that verify tokens on demand, and no data leaks with it.
 */
@ExtendWith(PulseServer.class)
class TokenVerificationIT {

  private static Accounts.User user;

  private static synchronized Accounts.User user() {
    if (user == null) {
      user = Accounts.newUser("tokens");
    }
    return user;
  }

  static Stream<Arguments> badTokens() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    String subject = user().id();
    String valid = Tokens.claims("pulse", subject, now, now + 600);
    return Stream.of(
        Arguments.of("garbage", "not-a-token.at.all"),
        Arguments.of(
            "tampered",
            user().accessToken().substring(0, user().accessToken().length() - 4) + "AAAA"),
        Arguments.of(
            "expired",
            Tokens.rs256(
                Tokens.claims("pulse", subject, now - 7200, now - 3600), Tokens.serverKey())),
        Arguments.of("alg none", Tokens.none(valid)),
        Arguments.of("another key", Tokens.rs256(valid, Tokens.strangerKey())),
        Arguments.of(
            "another issuer",
            Tokens.rs256(Tokens.claims("evil", subject, now, now + 600), Tokens.serverKey())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void badTokensGet401AndNoData(String kind, String token) {
    for (String path :
        new String[] {"/api/v1/users/me", "/api/v1/projects", "/api/v1/events?project=default"}) {
      HttpResponse<String> response = Api.as("GET", path, null, "Authorization", "Bearer " + token);
      assertProblem(response, 401);
      assertFalse(
          response.body().contains(user().email()), kind + " leaked data: " + response.body());
    }
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/events?project=default",
            "{\"type\":\"t\",\"source\":\"s\"}",
            "Authorization",
            "Bearer " + token),
        401);
  }

  @Test
  void missingTokenIs401WithAChallenge() {
    HttpResponse<String> response = Api.as("GET", "/api/v1/projects", null);
    assertProblem(response, 401);
    assertEquals(
        "Bearer", response.headers().firstValue("WWW-Authenticate").orElse("").split(" ")[0]);
    assertProblem(Api.as("POST", "/api/v1/events", "{\"type\":\"t\",\"source\":\"s\"}"), 401);
  }

  @Test
  void aTokenSignedWithTheServerKeyIsAccepted() throws Exception {
    // The control for the cases above: the forging helper itself makes tokens Pulse accepts.
    long now = System.currentTimeMillis() / 1000;
    String token =
        Tokens.rs256(Tokens.claims("pulse", user().id(), now, now + 600), Tokens.serverKey());
    assertEquals(
        200,
        Api.as("GET", "/api/v1/users/me", null, "Authorization", "Bearer " + token).statusCode());
  }
}
