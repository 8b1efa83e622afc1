package it.dev.pulse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import it.dev.pulse.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTPS, CORS, what stays open, and where secrets must never show up. */
@ExtendWith(PulseServer.class)
class EdgesIT {

  @Test
  void httpsServesTheApiWithTheGeneratedCertificate() throws Exception {
    // Liberty's generated certificate is self-signed: trusted here for the test only.
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) {}

            public void checkServerTrusted(X509Certificate[] chain, String type) {}

            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    String base = "https://127.0.0.1:" + TestEnv.httpsPort();
    assertEquals(
        200,
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    HttpResponse<String> me =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + Api.adminToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, me.statusCode(), me.body());
  }

  @Test
  void corsAllowsTheConfiguredOriginOnly() {
    HttpResponse<String> allowed =
        Api.as(
            "OPTIONS",
            "/api/v1/projects",
            null,
            "Origin",
            TestEnv.DASHBOARD_ORIGIN,
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "authorization");
    assertEquals(
        TestEnv.DASHBOARD_ORIGIN,
        allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertTrue(
        allowed
            .headers()
            .firstValue("Access-Control-Allow-Headers")
            .orElse("")
            .toLowerCase()
            .contains("authorization"));

    HttpResponse<String> other =
        Api.as(
            "OPTIONS",
            "/api/v1/projects",
            null,
            "Origin",
            "https://evil.example",
            "Access-Control-Request-Method",
            "GET");
    assertTrue(
        other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        other.headers().toString());
  }

  @Test
  void healthMetricsAndOpenApiNeedNoCredentials() {
    for (String path :
        new String[] {"/health", "/health/ready", "/metrics", "/openapi", "/api/v1/auth/jwks"}) {
      assertEquals(200, Api.as("GET", path, null).statusCode(), path);
    }
    String doc = Api.as("GET", "/openapi", null).body();
    assertTrue(doc.contains("securitySchemes"), "security schemes documented");
    assertTrue(
        doc.contains("accessToken") && doc.contains("ingestKey") && doc.contains("X-Pulse-Key"),
        "both schemes");
  }

  @Test
  void secretsNeverReachLogsMetricsOrOpenApi() throws Exception {
    Accounts.User user = Accounts.newUser("secrets");
    String project = Accounts.newProject(user, "secrets");
    String key = Accounts.newKey(user, project, 100L).getString("key");
    Accounts.sendWithKey(key, "secret");
    Accounts.sendWithKey(key + "x", "secret"); // a failed attempt is logged nowhere either
    Api.as(
        "POST",
        "/api/v1/auth/login",
        "{\"email\":\"" + user.email() + "\",\"password\":\"wrong guess secret\"}");

    StringBuilder logs = new StringBuilder(Files.readString(Tokens.messagesLog()));
    java.nio.file.Path ffdc = Tokens.messagesLog().resolveSibling("ffdc");
    if (Files.isDirectory(ffdc)) {
      try (var files = Files.list(ffdc)) {
        for (java.nio.file.Path f : files.toList()) {
          logs.append(
              new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    String everything = logs + Api.get("/metrics").body() + Api.get("/openapi").body();
    for (String secret :
        new String[] {
          key,
          TestEnv.BOOTSTRAP_KEY,
          TestEnv.ADMIN_PASSWORD,
          Accounts.PASSWORD,
          "wrong guess secret",
          user.refreshToken(),
          user.accessToken()
        }) {
      assertFalse(
          everything.contains(secret), "a secret leaked: " + secret.substring(0, 6) + "...");
    }
  }
}
