package it.dev.pulse.live;

import it.dev.pulse.support.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * DashboardPage is the live dashboard ({@code /live/}) as a test sees it: it types and clicks like
 * a user, and reads what the page shows from its rows and figures (the {@code data-*} attributes
 * the page keeps for that).
 */
final class DashboardPage {

  /** One row of the alert table. */
  record AlertRow(
      String id, String state, String severity, boolean acknowledged, long shownAt, String text) {}

  /** One metric chart: points held and the newest value. */
  record Chart(String metric, int points, Double lastValue) {}

  private final WebDriver driver;

  DashboardPage(WebDriver driver) {
    this.driver = driver;
  }

  void open(String url) {
    driver.get(url);
  }

  void logIn(String email, String password) {
    driver.findElement(By.id("email")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
  }

  /** The connection indicator: connecting, live, reconnecting or offline. */
  String status() {
    return driver.findElement(By.id("status")).getDomAttribute("data-state");
  }

  void awaitStatus(Duration timeout, String state) {
    Poll.until(timeout, "the dashboard's status to be " + state, () -> state.equals(status()));
  }

  /** When the page last went live (epoch milliseconds, the browser's clock: this machine's). */
  long connectedAt() {
    return Long.parseLong(driver.findElement(By.id("status")).getDomAttribute("data-connected-at"));
  }

  List<AlertRow> alerts() {
    List<?> rows =
        (List<?>)
            script(
                "return [...document.querySelectorAll('#alert-rows tr[data-alert-id]')].map(r => ({"
                    + "id: r.dataset.alertId, state: r.dataset.state, severity: r.dataset.severity,"
                    + "acknowledged: r.dataset.acknowledged, shownAt: r.dataset.shownAt,"
                    + "text: r.textContent}))");
    return rows.stream()
        .map(r -> (Map<?, ?>) r)
        .map(
            r ->
                new AlertRow(
                    (String) r.get("id"),
                    (String) r.get("state"),
                    (String) r.get("severity"),
                    "true".equals(r.get("acknowledged")),
                    Long.parseLong((String) r.get("shownAt")),
                    (String) r.get("text")))
        .toList();
  }

  AlertRow awaitAlert(Duration timeout, String what, Predicate<AlertRow> match) {
    return Poll.until(
            timeout,
            "an alert row " + what,
            () -> alerts().stream().filter(match).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  void acknowledge(String alertId) {
    row(alertId).findElement(By.cssSelector("button.ack-button")).click();
  }

  void resolve(String alertId) {
    row(alertId).findElement(By.cssSelector("button.resolve-button")).click();
  }

  private WebElement row(String alertId) {
    return driver.findElement(By.cssSelector("tr[data-alert-id='" + alertId + "']"));
  }

  Optional<Chart> chart(String metric) {
    Map<?, ?> c =
        (Map<?, ?>)
            script(
                "const f = [...document.querySelectorAll('figure[data-metric]')]"
                    + ".find(f => f.dataset.metric === arguments[0]);"
                    + "return f ? {points: f.dataset.points, last: f.dataset.lastValue ?? null} : null",
                metric);
    if (c == null) {
      return Optional.empty();
    }
    Object last = c.get("last");
    return Optional.of(
        new Chart(
            metric,
            Integer.parseInt((String) c.get("points")),
            last == null ? null : Double.valueOf((String) last)));
  }

  Chart awaitChart(Duration timeout, String metric, String what, Predicate<Chart> done) {
    return Poll.until(
            timeout,
            "the chart of " + metric + " " + what,
            () -> chart(metric),
            c -> c.isPresent() && done.test(c.get()))
        .orElseThrow();
  }

  private Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }
}
