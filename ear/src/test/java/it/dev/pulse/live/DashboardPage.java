package it.dev.pulse.live;

import it.dev.pulse.support.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

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

  /**
   * The alert dialog as shown: value and threshold as printed, "acknowledged" as its line (null
   * while not acknowledged), the message it shows instead of an alert it cannot show.
   */
  record AlertDetail(
      boolean open,
      boolean loaded,
      String id,
      String title,
      String state,
      String severity,
      boolean acknowledged,
      String acknowledgedLine,
      String value,
      String threshold,
      Map<String, String> labels,
      Map<String, String> annotations,
      List<Transition> history,
      List<Notification> notifications,
      String message) {}

  /** One row of the dialog's history: the state it went to, and the row as read. */
  record Transition(String to, String text) {}

  /** One row of the dialog's notifications. */
  record Notification(String kind, String status, String text) {}

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

  /** Clicks the alert's name in the table, which opens its dialog. */
  void openAlert(String alertId) {
    row(alertId).findElement(By.cssSelector("a.open-link")).click();
  }

  AlertDetail detail() {
    Map<?, ?> d =
        (Map<?, ?>)
            script(
                "const $ = (id) => document.getElementById(id);"
                    + "const d = $('alert-detail');"
                    + "const pairs = (id) => Object.fromEntries([...$(id).querySelectorAll('dt')]"
                    + "  .map(dt => [dt.textContent, dt.nextElementSibling.textContent]));"
                    + "const rows = (id) => [...$(id).querySelectorAll('tr')];"
                    + "return {open: d.open, loaded: d.dataset.loaded === 'true',"
                    + "id: d.dataset.alertId ?? null, title: $('detail-heading').textContent,"
                    + "state: d.dataset.state ?? null, severity: d.dataset.severity ?? null,"
                    + "acknowledged: d.dataset.acknowledged === 'true',"
                    + "acknowledgedLine: $('detail-acknowledged')?.textContent ?? null,"
                    + "value: $('detail-value')?.textContent ?? null,"
                    + "threshold: $('detail-threshold')?.textContent ?? null,"
                    + "labels: pairs('detail-labels'), annotations: pairs('detail-annotations'),"
                    + "history: rows('detail-history').map(r => ({to: r.dataset.to, text: r.textContent})),"
                    + "notifications: rows('detail-notifications').map(r => ({kind: r.dataset.kind,"
                    + "  status: r.dataset.status, text: r.textContent})),"
                    + "message: $('detail-message').textContent}");
    return new AlertDetail(
        (Boolean) d.get("open"),
        (Boolean) d.get("loaded"),
        (String) d.get("id"),
        (String) d.get("title"),
        (String) d.get("state"),
        (String) d.get("severity"),
        (Boolean) d.get("acknowledged"),
        (String) d.get("acknowledgedLine"),
        (String) d.get("value"),
        (String) d.get("threshold"),
        strings(d.get("labels")),
        strings(d.get("annotations")),
        maps(d.get("history")).stream()
            .map(r -> new Transition((String) r.get("to"), (String) r.get("text")))
            .toList(),
        maps(d.get("notifications")).stream()
            .map(
                r ->
                    new Notification(
                        (String) r.get("kind"), (String) r.get("status"), (String) r.get("text")))
            .toList(),
        (String) d.get("message"));
  }

  AlertDetail awaitDetail(Duration timeout, String what, Predicate<AlertDetail> match) {
    return Poll.until(timeout, "the alert dialog " + what, this::detail, match::test);
  }

  /** The dialog's Acknowledge button. */
  void acknowledgeInDetail() {
    driver.findElement(By.id("detail-ack")).click();
  }

  /** Escape, typed where the focus is. */
  void pressEscape() {
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
  }

  /** The id of the focused element. */
  String focused() {
    return (String) script("return document.activeElement?.id ?? ''");
  }

  /** The page's fragment, "#" included. */
  String hash() {
    return (String) script("return location.hash");
  }

  private static Map<String, String> strings(Object map) {
    Map<String, String> out = new TreeMap<>();
    ((Map<?, ?>) map).forEach((k, v) -> out.put((String) k, (String) v));
    return out;
  }

  private static List<Map<?, ?>> maps(Object list) {
    return ((List<?>) list).stream().map(r -> (Map<?, ?>) r).collect(Collectors.toList());
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
