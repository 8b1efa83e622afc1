package it.dev.pulse.readme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is a contract: every {@code ```sh} block of the repository's README.md runs, in order,
 * in one {@code bash} (so variables carry over from block to block, as for a reader pasting them
 * into one shell) against the test server, and must succeed.
 *
 * <p>The convention, also described in the README's Tests section:
 *
 * <ul>
 *   <li>The shell runs with {@code set -e -o pipefail}: any command that exits non-zero fails its
 *       block. README requests that must succeed use {@code curl -f} (exit 22 on a status of 400 or
 *       more).
 *   <li>{@code 127.0.0.1:9080} is replaced by the test server's address; the working directory is a
 *       scratch directory whose {@code .pulse/bootstrap.env} exports the test server's admin and
 *       ingest key, as {@code ./pulse run} writes it; {@code PULSE_*} variables of this JVM are not
 *       passed on.
 *   <li>A <b>status comment</b> is a shell comment that starts with an HTTP status: {@code # 201
 *       {...}}, {@code # HTTP/1.1 202 Accepted ...}, with alternatives as {@code # 204 or 202}
 *       (statuses 200-599; the rest of the comment is free text). On a line of its own after a
 *       command, or at the end of a command's last line, it states the status of the last request
 *       that command made, and is checked: {@code curl} is wrapped by a shell function that records
 *       the status of every request.
 *   <li>A request that answers 400 or more must be the one a status comment expects; any other
 *       fails its block (so {@code curl -s} without {@code -f} cannot hide an error either).
 *   <li>A block may run at most {@link #BLOCK_TIMEOUT}; background processes the blocks leave
 *       behind are killed at the end.
 *   <li>A block that cannot run here is marked by an HTML comment on the line before its fence:
 *       {@code <!-- readme-test: skip — why -->} (printed with the reason), or {@code <!--
 *       readme-test: needs node npm -->} to run it only where those commands are on the PATH.
 * </ul>
 *
 * A failure names the block (README line and first line), the command and line that failed, and
 * shows the block's output.
 */
@ExtendWith(PulseServer.class)
class ReadmeIT {

  /** The address the README's examples use, replaced by the test server's. */
  static final String README_ADDRESS = "127.0.0.1:9080";

  static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(120);

  private static final Pattern OPENING_FENCE = Pattern.compile("^```\\s*([^`\\s]*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*readme-test:\\s*(.*?)\\s*-->$");
  private static final Pattern STATUS =
      Pattern.compile(
          "^#\\s*(?:HTTP/[0-9.]+\\s+)?([2-5][0-9]{2})((?:\\s+or\\s+[2-5][0-9]{2})*)(?![\\w-])");
  private static final Pattern OTHER_STATUS = Pattern.compile("[2-5][0-9]{2}");

  /** What the shell prints to mark where a block starts and ends, its session, and the end. */
  private static final String BEGIN = "@@readme-begin ";

  private static final String END = "@@readme-end ";
  private static final String GROUP = "@@readme-pgid ";
  private static final String FINISHED = "@@readme-finished";

  /** A ```sh block: where its fence is (1-based README line), its lines and its marker, if any. */
  record Block(int fenceLine, List<String> lines, String skip, List<String> needs) {

    /** The README line of the block's first non-blank line, and that line. */
    String where() {
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).isBlank()) {
          return "README.md:" + (fenceLine + 1 + i) + " `" + lines.get(i).strip() + "`";
        }
      }
      return "README.md:" + fenceLine + " (empty block)";
    }
  }

  /** A status comment: the README line it is on and the statuses it accepts. */
  record Check(int line, List<String> statuses) {}

  @Test
  void everyShellBlockOfTheReadmeRunsInOrderInOneShell(@TempDir Path tmp) throws Exception {
    Path readme = readme();
    List<Block> all = blocks(Files.readAllLines(readme, StandardCharsets.UTF_8));
    List<Block> run = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Block b : all) {
      String why = b.skip() != null ? b.skip() : missing(b.needs());
      if (why == null) {
        run.add(b);
      } else {
        skipped.add(b.where() + ": " + why);
      }
    }
    System.out.printf(
        "ReadmeIT: %s has %d sh blocks: running %d, skipping %d%n",
        readme, all.size(), run.size(), skipped.size());
    skipped.forEach(s -> System.out.println("  skipped " + s));
    assertFalse(run.isEmpty(), "no runnable ```sh block in " + readme);

    Path cwd = Files.createDirectories(tmp.resolve("shell"));
    writeBootstrapEnv(cwd);
    List<Check> checks = new ArrayList<>();
    Path driver =
        prepare(
            run,
            Files.createDirectories(tmp.resolve("harness")),
            "127.0.0.1:" + TestEnv.httpPort(),
            checks);
    System.out.printf(
        "ReadmeIT: %d status comments checked: %s%n",
        checks.size(),
        checks.stream()
            .map(c -> c.line() + "=" + String.join("|", c.statuses()))
            .collect(Collectors.joining(" ")));

    Shell shell = new Shell(driver, cwd);
    shell.run();
    if (shell.failedBlock > 0) {
      Block b = run.get(shell.failedBlock - 1);
      fail(
          String.format(
              "README block %d of %d, %s, %s%n--- its output ---%n%s",
              shell.failedBlock,
              run.size(),
              b.where(),
              shell.failure,
              String.join("\n", shell.output(shell.failedBlock))));
    }
  }

  /**
   * Writes the harness, one script per block and the driver that sources them in order into {@code
   * work}; collects the status comments into {@code checks}. Returns the driver.
   */
  static Path prepare(List<Block> run, Path work, String address, List<Check> checks)
      throws IOException {
    StringBuilder driver = new StringBuilder("set -e -o pipefail\n");
    driver.append("echo '").append(GROUP).append("'$$\n");
    driver.append(". ").append(quoted(work.resolve("harness.sh"))).append('\n');
    for (int i = 0; i < run.size(); i++) {
      Path file = work.resolve("block-" + (i + 1) + ".sh");
      Files.writeString(file, script(run.get(i), address, checks));
      driver.append("__readme_begin ").append(i + 1).append('\n');
      driver.append(". ").append(quoted(file)).append('\n');
      driver.append("__readme_end ").append(i + 1).append('\n');
    }
    driver.append("echo ").append(FINISHED).append('\n');
    Files.writeString(work.resolve("harness.sh"), harness(work.resolve("statuses")));
    return Files.writeString(work.resolve("driver.sh"), driver.toString());
  }

  /** The README: -Dpulse.readme (set by the ear module's pom), else ../README.md from ear/. */
  static Path readme() {
    String configured = System.getProperty("pulse.readme");
    Path path =
        configured == null || configured.isBlank()
            ? Path.of("..", "README.md")
            : Path.of(configured);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no README at " + path.toAbsolutePath());
    }
    return path.toAbsolutePath().normalize();
  }

  /** The ```sh blocks of a Markdown text, in order, with the marker on the line before each. */
  static List<Block> blocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    String marker = null;
    int markerLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = OPENING_FENCE.matcher(line);
      if (fence.matches()) {
        int close = i + 1;
        while (close < lines.size() && !lines.get(close).strip().equals("```")) {
          close++;
        }
        if (close == lines.size()) {
          throw new IllegalStateException("README.md:" + (i + 1) + ": the fence is never closed");
        }
        boolean sh = fence.group(1).equals("sh");
        if (marker != null && !sh) {
          throw new IllegalStateException(
              "README.md:" + markerLine + ": a readme-test marker before a block that is not sh");
        }
        if (sh) {
          String skip = null;
          List<String> needs = List.of();
          if (marker != null) {
            if (marker.startsWith("skip")) {
              skip = marker.substring(4).replaceFirst("^[\\s—–:-]+", "").strip();
              if (skip.isEmpty()) {
                throw new IllegalStateException(
                    "README.md:" + markerLine + ": a skipped block needs a reason");
              }
            } else if (marker.startsWith("needs ")) {
              needs = Arrays.asList(marker.substring(6).strip().split("[\\s,]+"));
            } else {
              throw new IllegalStateException(
                  "README.md:"
                      + markerLine
                      + ": unknown readme-test marker \""
                      + marker
                      + "\" (skip — why | needs COMMAND...)");
            }
          }
          blocks.add(new Block(i + 1, List.copyOf(lines.subList(i + 1, close)), skip, needs));
        }
        marker = null;
        i = close;
        continue;
      }
      Matcher m = MARKER.matcher(line.strip());
      if (m.matches()) {
        marker = m.group(1);
        markerLine = i + 1;
      } else if (!line.isBlank()) {
        if (marker != null) {
          throw new IllegalStateException(
              "README.md:" + markerLine + ": a readme-test marker must come right before a fence");
        }
      }
    }
    if (marker != null) {
      throw new IllegalStateException("README.md:" + markerLine + ": a marker without a block");
    }
    return blocks;
  }

  /**
   * The block as the shell runs it: padded with blank lines so that its line numbers are the
   * README's (the ERR trap reports $LINENO), the README's address replaced, and a call of {@code
   * __readme_status} added for each status comment.
   */
  static String script(Block b, String address, List<Check> checks) {
    StringBuilder out = new StringBuilder("\n".repeat(b.fenceLine()));
    Quoting quoting = new Quoting();
    String previousCode = "";
    for (int i = 0; i < b.lines().size(); i++) {
      int readmeLine = b.fenceLine() + 1 + i;
      String line = b.lines().get(i).replace(README_ADDRESS, address);
      int hash = quoting.commentAt(line);
      String code = hash < 0 ? line : line.substring(0, hash);
      Matcher status = hash < 0 ? null : STATUS.matcher(line.substring(hash));
      if (status != null && status.lookingAt()) {
        List<String> statuses = new ArrayList<>(List.of(status.group(1)));
        Matcher more = OTHER_STATUS.matcher(status.group(2));
        while (more.find()) {
          statuses.add(more.group());
        }
        checks.add(new Check(readmeLine, statuses));
        String call = "__readme_status " + String.join(" ", statuses) + " " + readmeLine;
        String comment = line.substring(hash);
        String tail = code.strip();
        if (tail.isEmpty()) {
          if (continues(previousCode)) {
            throw new IllegalStateException(
                "README.md:" + readmeLine + ": a status comment inside a command that goes on");
          }
          line = call + "  " + comment;
        } else {
          if (continues(tail) || tail.matches(".*(\\bdo|\\bthen|\\belse|[({])$")) {
            throw new IllegalStateException(
                "README.md:" + readmeLine + ": a status comment at the end of an unfinished line");
          }
          boolean separated = tail.endsWith(";") || tail.endsWith("&");
          line = code.stripTrailing() + (separated ? " " : "; ") + call + "  " + comment;
        }
      }
      if (!code.isBlank() && !quoting.inQuotes()) {
        previousCode = code.strip();
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static boolean continues(String code) {
    return code.endsWith("\\") || code.endsWith("|") || code.endsWith("&&");
  }

  /** Follows shell quoting across lines, to tell comments from '#' inside quotes or words. */
  static final class Quoting {
    private char quote;

    boolean inQuotes() {
      return quote != 0;
    }

    /** Where the line's comment starts, or -1; updates the quoting state to the line's end. */
    int commentAt(String line) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote == '\'') {
          if (c == '\'') {
            quote = 0;
          }
        } else if (quote == '"') {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quote = 0;
          }
        } else if (c == '\\') {
          i++;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '#' && (i == 0 || " \t;&|()".indexOf(line.charAt(i - 1)) >= 0)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * The shell functions the blocks run with: {@code curl} records each request's status (from the
   * response headers it dumps with -D) in the file {@code statuses}; {@code __readme_status} checks
   * the last one against a status comment and that none before it since the last check failed;
   * {@code __readme_begin}/{@code __readme_end} mark the blocks and check what no comment checked.
   */
  static String harness(Path statuses) {
    return """
        __readme_statuses=%s
        : >"$__readme_statuses"
        curl() {
          local __h __s __a __rc=0
          __h=$(mktemp)
          command curl -D "$__h" "$@" || __rc=$?
          __s=$(sed -n 's/^HTTP\\/[0-9.]* \\([0-9][0-9][0-9]\\).*/\\1/p' "$__h" | tail -n 1)
          rm -f "$__h"
          __a="curl $*"; __a=${__a//$'\\n'/ }
          echo "${__s:-000} ${__a:0:300}" >>"$__readme_statuses"
          if [ "$__rc" -ne 0 ]; then
            echo "readme-test: curl exited $__rc (HTTP ${__s:-no answer}): ${__a:0:300}" >&2
          fi
          return "$__rc"
        }
        __readme_unchecked() {
          local __l
          while IFS= read -r __l; do
            if [ -n "$__l" ] && [ "${__l%%%% *}" -ge 400 ]; then
              echo "readme-test: HTTP ${__l%%%% *} that no status comment expects, from: ${__l#* }" >&2
              return 1
            fi
          done
          return 0
        }
        __readme_status() {
          local __line=${!#} __got __c __ok=
          __got=$(tail -n 1 "$__readme_statuses")
          sed '$d' "$__readme_statuses" | __readme_unchecked || return 1
          : >"$__readme_statuses"
          if [ -z "$__got" ]; then
            echo "readme-test: README.md:$__line expects HTTP ${*:1:$#-1}, but no request was made since the last check" >&2
            return 1
          fi
          for __c in "${@:1:$#-1}"; do
            if [ "${__got%%%% *}" = "$__c" ]; then __ok=1; fi
          done
          if [ -z "$__ok" ]; then
            echo "readme-test: README.md:$__line expects HTTP ${*:1:$#-1}, got ${__got%%%% *} from: ${__got#* }" >&2
            return 1
          fi
        }
        __readme_begin() { : >"$__readme_statuses"; echo "%s$1"; }
        __readme_end() {
          __readme_unchecked <"$__readme_statuses" || return 1
          echo "%s$1"
        }
        trap '__readme_rc=$?; case ${BASH_SOURCE[0]} in */block-*.sh) __readme_at=README.md:$LINENO;;
          *) __readme_at="the end of the block";; esac
          echo "readme-test: exit status $__readme_rc at $__readme_at: $BASH_COMMAND" >&2' ERR
        trap '__readme_jobs=$(jobs -p); [ -z "$__readme_jobs" ] || kill $__readme_jobs 2>/dev/null; true' EXIT
        """
        .formatted(quoted(statuses), BEGIN, END);
  }

  /** Runs the driver in bash in a session of its own, a block at most BLOCK_TIMEOUT long. */
  static final class Shell {
    private final Path driver;
    private final Path cwd;
    private final Map<Integer, List<String>> output = new ConcurrentHashMap<>();
    private volatile int current;
    private volatile long currentSince = System.nanoTime();
    private volatile boolean finished;
    private volatile long group;
    private boolean ownSession;
    int failedBlock;
    String failure;

    Shell(Path driver, Path cwd) {
      this.driver = driver;
      this.cwd = cwd;
    }

    List<String> output(int block) {
      List<String> lines = output.getOrDefault(block, List.of());
      return lines.size() <= 300 ? lines : lines.subList(lines.size() - 300, lines.size());
    }

    void run() throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      ownSession = Files.isExecutable(Path.of("/usr/bin/setsid"));
      if (ownSession) {
        command.addAll(List.of("/usr/bin/setsid", "-w"));
      }
      command.addAll(List.of("bash", driver.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().keySet().removeIf(k -> k.startsWith("PULSE_"));
      Process process = pb.start();
      Set<ProcessHandle> seen = new LinkedHashSet<>();
      Thread reader = new Thread(() -> read(process), "readme-shell-output");
      reader.setDaemon(true);
      reader.start();
      boolean timedOut = false;
      try {
        while (!process.waitFor(250, TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(seen::add);
          if (System.nanoTime() - currentSince > BLOCK_TIMEOUT.toNanos()) {
            timedOut = true;
            break;
          }
        }
      } finally {
        process.descendants().forEach(seen::add);
        kill(process, seen);
        reader.join(10_000);
      }
      int block = Math.max(current, 1);
      if (timedOut) {
        failedBlock = block;
        failure = "did not finish within " + BLOCK_TIMEOUT.toSeconds() + " s";
      } else if (process.exitValue() != 0 || !finished) {
        failedBlock = block;
        failure =
            "failed: the shell exited with status "
                + process.exitValue()
                + (finished ? "" : " (the lines starting with readme-test: tell why)");
      }
    }

    private void read(Process process) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          int marker = line.indexOf("@@readme-");
          if (marker > 0) { // a block's output that did not end with a newline, then a marker
            record(line.substring(0, marker));
            line = line.substring(marker);
          }
          if (line.startsWith(GROUP)) {
            group = Long.parseLong(line.substring(GROUP.length()).strip());
            continue;
          }
          if (line.startsWith(BEGIN)) {
            current = Integer.parseInt(line.substring(BEGIN.length()).strip());
            currentSince = System.nanoTime();
            System.out.println("ReadmeIT: block " + current);
            continue;
          }
          if (line.startsWith(END)) {
            currentSince = System.nanoTime();
            continue;
          }
          if (line.equals(FINISHED)) {
            finished = true;
            continue;
          }
          record(line);
        }
      } catch (IOException e) {
        // the process was killed: what was read is what there is
      }
    }

    private void record(String line) {
      System.out.println("  | " + line);
      output.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
    }

    /** Ends the shell and everything it started: its session's group, and every descendant seen. */
    private void kill(Process process, Set<ProcessHandle> seen) throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      if (ownSession && group > 1) {
        try {
          new ProcessBuilder("kill", "-KILL", "--", "-" + group)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
          // no kill(1): the descendants below are all there is to end
        }
      }
      seen.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Why the commands cannot run here (the first one not on the PATH), or null when they can. */
  private static String missing(List<String> commands) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String command : commands) {
      boolean found =
          Arrays.stream(path.split(File.pathSeparator))
              .filter(dir -> !dir.isEmpty())
              .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
      if (!found) {
        return "needs " + String.join(", ", commands) + ", and " + command + " is not on the PATH";
      }
    }
    return null;
  }

  /** .pulse/bootstrap.env as ./pulse run writes it, with the test server's admin and key. */
  private static void writeBootstrapEnv(Path cwd) throws IOException {
    Path dir = Files.createDirectories(cwd.resolve(".pulse"));
    Path env = dir.resolve("bootstrap.env");
    Files.writeString(
        env,
        "export PULSE_ADMIN_EMAIL="
            + TestEnv.ADMIN_EMAIL
            + "\nexport PULSE_ADMIN_PASSWORD="
            + TestEnv.ADMIN_PASSWORD
            + "\nexport PULSE_BOOTSTRAP_KEY="
            + TestEnv.BOOTSTRAP_KEY
            + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
  }

  private static String quoted(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
