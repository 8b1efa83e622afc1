package it.dev.pulse.auth;

import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key's events-per-minute quota: 429 with Retry-After when used up, counted, and then usable
 * again.
 */
@ExtendWith(PulseServer.class)
class QuotaIT {

  @Test
  void exhaustedQuotaAnswers429UntilTheWindowSlides() {
    Accounts.User owner = Accounts.newUser("quota");
    String project = Accounts.newProject(owner, "quota");
    String key = Accounts.newKey(owner, project, 10L).getString("key");
    String limited = Accounts.newKey(owner, project, null).getString("key");

    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      batch.append(i == 0 ? "" : ",").append(Events.json(UUID.randomUUID(), "quota", "s"));
    }
    HttpResponse<String> all =
        Api.as("POST", "/api/v1/events/batch", batch.append(']').toString(), "X-Pulse-Key", key);
    assertEquals(202, all.statusCode(), all.body());

    HttpResponse<String> refused = Accounts.sendWithKey(key, "quota");
    JsonObject problem = assertProblem(refused, 429);
    assertTrue(problem.getString("title").contains("quota"), problem.toString());
    assertTrue(problem.getString("detail").contains("10 per 1m"), problem.toString());
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    // Ten used in this minute: one more fits once the window has slid 6 s into the next minute,
    // so the wait is at most 66 s (the minute just begun), at least 1 s.
    assertTrue(retryAfter >= 1 && retryAfter <= 66, "Retry-After " + retryAfter);

    // Another key of the same project is not affected; a batch larger than the quota never fits.
    assertEquals(202, Accounts.sendWithKey(limited, "quota").statusCode());
    String eleven =
        batch.toString().replace("]", "," + Events.json(UUID.randomUUID(), "quota", "s") + "]");
    assertTrue(
        Api.object(Api.as("POST", "/api/v1/events/batch", eleven, "X-Pulse-Key", key))
            .getString("detail")
            .contains("never fit"));

    String metrics = Api.get("/metrics").body();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("pulse_quota_refused_events_total{")
                        && l.contains("project=\"" + project + "\"")),
        "refusals are counted per project");

    // Honouring Retry-After is enough: the window slides and the key works again.
    Poll.until(
        Duration.ofSeconds(retryAfter + 5),
        "the quota to free up",
        () -> Accounts.sendWithKey(key, "quota"),
        r -> r.statusCode() == 202);
  }
}
