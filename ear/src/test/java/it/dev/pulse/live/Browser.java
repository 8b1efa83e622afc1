package it.dev.pulse.live;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Browser is a real headless Chromium driven over WebDriver: Debian's {@code chromium} and {@code
 * chromedriver} (installed by {@code ./pulse test}), both named explicitly so that Selenium Manager
 * never looks for, let alone downloads, a browser or driver.
 */
final class Browser implements AutoCloseable {

  private static final List<String> ARGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1600,1000");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser start() {
    String chromium = System.getProperty("pulse.chromium", "/usr/bin/chromium");
    String chromedriver = System.getProperty("pulse.chromedriver", "/usr/bin/chromedriver");
    for (String binary : List.of(chromium, chromedriver)) {
      if (!new File(binary).canExecute()) {
        throw new IllegalStateException(
            binary + " is missing: ./pulse test installs chromium and chromium-driver");
      }
    }
    ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments(ARGS);
    // The page's console, printed when the browser closes: the first place to look on a failure.
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  WebDriver driver() {
    return driver;
  }

  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        if (entry.getLevel().intValue() >= Level.INFO.intValue()) {
          System.out.println("browser console: " + entry.getLevel() + " " + entry.getMessage());
        }
      }
    } finally {
      driver.quit();
    }
  }
}
