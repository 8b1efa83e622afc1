package it.dev.pulse.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Problems checks that a response is an RFC 9457 problem of the expected status. */
public final class Problems {

  private Problems() {}

  /** Asserts the status and problem shape; {@code field}, when given, must be among the errors. */
  public static JsonObject assertProblem(HttpResponse<String> response, int status, String field) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/problem+json",
        response.headers().firstValue("Content-Type").orElse("").split(";")[0],
        "content type of " + response.statusCode() + " " + response.body());
    JsonObject problem = Api.object(response);
    assertEquals(status, problem.getInt("status"));
    assertTrue(problem.getString("type").startsWith("urn:pulse:problem:"), problem.toString());
    assertTrue(problem.containsKey("title") && problem.containsKey("detail"), problem.toString());
    if (field != null) {
      assertTrue(
          problem.getJsonArray("errors").stream()
              .anyMatch(e -> field.equals(e.asJsonObject().getString("field"))),
          "expected an error on " + field + ": " + problem);
    }
    return problem;
  }

  public static JsonObject assertProblem(HttpResponse<String> response, int status) {
    return assertProblem(response, status, null);
  }
}
