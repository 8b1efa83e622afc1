package it.dev.pulse.ingest;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.PulseServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets its 4xx as an RFC 9457 problem naming the field — never a 500. */
@ExtendWith(PulseServer.class)
class BadInputIT {

  static Stream<Arguments> badPosts() {
    String big =
        "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}}";
    String bigPayload =
        "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"x\":\"" + "a".repeat(70 * 1024) + "\"}}";
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"type\":\"t\",\"source\":\"s\"}");
    }
    tooMany.append(']');
    StringBuilder manyTags = new StringBuilder("{\"type\":\"t\",\"source\":\"s\",\"tags\":{");
    for (int i = 0; i < 33; i++) {
      manyTags.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    manyTags.append("}}");
    return Stream.of(
        Arguments.of("/api/v1/events", "application/json", "{\"type\":", 400, null),
        Arguments.of("/api/v1/events", "application/json", "", 400, null),
        Arguments.of("/api/v1/events", "application/json", "[1,2]", 400, "$"),
        Arguments.of("/api/v1/events", "application/json", "{\"source\":\"s\"}", 400, "type"),
        Arguments.of(
            "/api/v1/events", "application/json", "{\"type\":7,\"source\":\"s\"}", 400, "type"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"has space\"}",
            400,
            "source"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"" + "t".repeat(101) + "\",\"source\":\"s\"}",
            400,
            "type"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"id\":\"not-a-uuid\",\"type\":\"t\",\"source\":\"s\"}",
            400,
            "id"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"timestamp\":\"yesterday\"}",
            400,
            "timestamp"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"value\":\"12\"}",
            400,
            "value"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"tags\":{\"a\":1}}",
            400,
            "tags.a"),
        Arguments.of("/api/v1/events", "application/json", manyTags.toString(), 400, "tags"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"payload\":[1]}",
            400,
            "payload"),
        Arguments.of("/api/v1/events", "application/json", bigPayload, 400, "payload"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"n\":1e999}}",
            400,
            "payload"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"payload\":{\"s\":\"\\u0000\"}}",
            400,
            "payload"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\",\"timestamp\":\"+10000-01-01T00:00:00Z\"}",
            400,
            "timestamp"),
        Arguments.of(
            "/api/v1/events",
            "application/json",
            "[{\"type\":\"t\",\"source\":\"s\"}] [{}]",
            400,
            null),
        Arguments.of("/api/v1/events", "application/json", big, 413, null),
        Arguments.of(
            "/api/v1/events", "text/plain", "{\"type\":\"t\",\"source\":\"s\"}", 415, null),
        Arguments.of(
            "/api/v1/events/batch",
            "application/json",
            "{\"type\":\"t\",\"source\":\"s\"}",
            400,
            "$"),
        Arguments.of("/api/v1/events/batch", "application/json", "[]", 400, "$"),
        Arguments.of("/api/v1/events/batch", "application/json", tooMany.toString(), 400, "$"),
        Arguments.of("/api/v1/events/batch", "application/xml", "<events/>", 415, null),
        Arguments.of("/ingest", "application/json", "{\"type\":\"t\"}", 400, "name"),
        Arguments.of(
            "/ingest",
            "application/json",
            "{\"type\":\"t\",\"name\":\"n\",\"value\":true}",
            400,
            "value"));
  }

  @ParameterizedTest(name = "{0} {1} -> {3} ({4})")
  @MethodSource("badPosts")
  void badPostsGetAProblem(String path, String contentType, String body, int status, String field) {
    HttpResponse<String> response = Api.post(path, contentType, body);
    Problems.assertProblem(response, status, field);
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("/api/v1/events/not-a-uuid", 400, "id"),
        Arguments.of("/api/v1/events?project=default&limit=0", 400, "limit"),
        Arguments.of("/api/v1/events?project=default&limit=1001", 400, "limit"),
        Arguments.of("/api/v1/events?project=default&limit=ten", 400, "limit"),
        Arguments.of("/api/v1/events?project=default&from=2026-13-01", 400, "from"),
        Arguments.of("/api/v1/events?project=default&to=noon", 400, "to"),
        Arguments.of("/api/v1/events?project=default&from=%2B300000-01-01T00:00:00Z", 400, "from"),
        Arguments.of("/api/v1/events?project=default&type=%00", 400, "type"),
        Arguments.of("/api/v1/events?project=default&source=has%20space", 400, "source"),
        Arguments.of("/api/v1/events?project=default&cursor=bm90LWEtY3Vyc29y", 400, "cursor"),
        Arguments.of("/api/v1/events?project=default&cursor=%25%25%25", 400, "cursor"),
        Arguments.of("/api/v1/no-such-thing", 404, null),
        Arguments.of("/api/v1/events/" + UUID.randomUUID(), 404, null));
  }

  @ParameterizedTest(name = "GET {0} -> {1} ({2})")
  @MethodSource("badQueries")
  void badQueriesGetAProblem(String path, int status, String field) {
    Problems.assertProblem(Api.get(path), status, field);
  }
}
