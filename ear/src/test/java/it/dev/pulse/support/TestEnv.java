package it.dev.pulse.support;

/** TestEnv reads what {@code ./pulse test} set up: ports, URLs and the test state directory. */
public final class TestEnv {

  private TestEnv() {}

  public static String require(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: run the integration tests with ./pulse test");
    }
    return value;
  }

  /** What PulseServer bootstraps (PULSE_ADMIN_EMAIL, PULSE_ADMIN_PASSWORD, PULSE_BOOTSTRAP_KEY). */
  public static final String ADMIN_EMAIL = "admin@pulse.test";

  public static final String ADMIN_PASSWORD = "it-admin-password-0001";
  public static final String BOOTSTRAP_KEY = "it_bootstrap_key_0123456789abcdef";

  /** The origin the test server allows for CORS. */
  public static final String DASHBOARD_ORIGIN = "https://dash.pulse.test";

  public static int httpsPort() {
    return Integer.parseInt(require("PULSE_HTTPS_PORT"));
  }

  public static int httpPort() {
    return Integer.parseInt(require("PULSE_HTTP_PORT"));
  }

  public static String dbUrl() {
    return require("PULSE_DB_URL");
  }

  public static String dbUser() {
    return require("PULSE_DB_USER");
  }

  public static String dbPassword() {
    return require("PULSE_DB_PASSWORD");
  }

  /** The port the test server sends email to (PULSE_SMTP_PORT); the email ITs listen on it. */
  public static int smtpPort() {
    return Integer.parseInt(require("PULSE_TEST_SMTP_PORT"));
  }

  public static String redisUrl() {
    return require("PULSE_REDIS_URL");
  }
}
