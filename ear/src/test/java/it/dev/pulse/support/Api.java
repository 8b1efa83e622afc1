package it.dev.pulse.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Api is a small HTTP client for Pulse's API on the test server. Unless a test says otherwise
 * ({@link #as}), requests carry the bootstrap ingest key and the bootstrap admin's access token, so
 * tests about events need not care about authentication.
 */
public final class Api {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private Api() {}

  public static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + TestEnv.httpPort() + path);
  }

  public static HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .header("X-Pulse-Key", TestEnv.BOOTSTRAP_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /**
   * A request with exactly the given headers (name, value, name, value...), no default credentials;
   * a null body sends none.
   */
  public static HttpResponse<String> as(
      String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** The bootstrap admin's access token, logged in once per test run (tokens last 15 minutes). */
  public static synchronized String adminToken() {
    if (adminToken == null
        || adminTokenAt.plus(Duration.ofMinutes(10)).isBefore(java.time.Instant.now())) {
      HttpResponse<String> login =
          as(
              "POST",
              "/api/v1/auth/login",
              "{\"email\":\""
                  + TestEnv.ADMIN_EMAIL
                  + "\",\"password\":\""
                  + TestEnv.ADMIN_PASSWORD
                  + "\"}");
      if (login.statusCode() != 200) {
        throw new IllegalStateException(
            "bootstrap admin cannot log in: " + login.statusCode() + " " + login.body());
      }
      adminToken = object(login).getString("access_token");
      adminTokenAt = java.time.Instant.now();
    }
    return adminToken;
  }

  private static String adminToken;
  private static java.time.Instant adminTokenAt;

  public static HttpResponse<String> postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  public static HttpResponse<String> get(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (path.startsWith("/api/")) {
      request.header("Authorization", "Bearer " + adminToken());
    }
    return send(request.build());
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject object(HttpResponse<String> response) {
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  public static JsonArray array(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readArray();
    }
  }
}
