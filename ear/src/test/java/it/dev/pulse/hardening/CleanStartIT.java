package it.dev.pulse.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CleanStartIT restarts the test server on healthy Redis and PostgreSQL and reads the log of that
 * start: operators alert on error lines, so a healthy start must log none.
 */
@ExtendWith(PulseServer.class)
class CleanStartIT {

  /** Liberty's messages.log format: {@code [date] thread logger E message}. */
  private static final Pattern ERROR_LINE = Pattern.compile("^\\[[^\\]]+\\] \\S+ .{0,80}? E .*");

  @Test
  void aHealthyStartLogsNoErrorLine() throws Exception {
    PulseServer.stop();
    PulseServer.start(); // Liberty moves the previous messages.log aside: this one is this start's
    Path log = PulseServer.serverDir().resolve("logs/messages.log");
    // The application answers before Liberty logs that the whole server has started.
    Poll.until(
        Duration.ofSeconds(60), "the start to complete", () -> read(log).contains("CWWKF0011I"));
    List<String> errors =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(line -> ERROR_LINE.matcher(line).matches())
            .toList();
    assertTrue(
        errors.isEmpty(), "error lines in a clean start's log:\n" + String.join("\n", errors));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
