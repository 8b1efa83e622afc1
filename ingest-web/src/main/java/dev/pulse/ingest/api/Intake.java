package dev.pulse.ingest.api;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.ingest.IngestConfig;
import dev.pulse.ingest.IngestMetrics;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.auth.Quotas;
import dev.pulse.ingest.intake.Admission;
import dev.pulse.ingest.intake.EventParser;
import dev.pulse.ingest.intake.ParsedEvent;
import dev.pulse.ingest.intake.RequestBodies;
import dev.pulse.ingest.intake.StreamAppender;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.ingest.problem.ProblemResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Intake is the one path every ingestion endpoint takes: admission, body, parse, append, answer. It
 * answers 202 only after the stream holds the events; any failure before that is a problem response
 * and nothing of the request is acknowledged. A key's quota is checked and charged in the same
 * Redis call that appends (429 when it does not fit).
 */
@ApplicationScoped
public class Intake {

  private static final Logger LOG = System.getLogger(Intake.class.getName());

  @Inject Admission admission;
  @Inject StreamAppender appender;
  @Inject IngestConfig config;
  @Inject IngestMetrics metrics;
  @Inject Quotas quotas;

  /**
   * Reads the body, lets {@code parse} stream it into events (or throw a problem), appends them (if
   * the sender's quota allows) and answers 202 with the JSON text {@code answer(events)}.
   */
  public CompletionStage<Response> accept(
      Access.Ingestor sender,
      InputStream body,
      Function<JsonParser, List<ParsedEvent>> parse,
      Function<List<ParsedEvent>, String> answer) {
    return accept(EventLog.Kind.EVENT, sender, body, parse, answer);
  }

  /** Like {@link #accept} for entries of {@code kind}: events, or metric samples. */
  public CompletionStage<Response> accept(
      EventLog.Kind kind,
      Access.Ingestor sender,
      InputStream body,
      Function<JsonParser, List<ParsedEvent>> parse,
      Function<List<ParsedEvent>, String> answer) {
    List<ParsedEvent> events;
    try {
      admission.check();
      events = RequestBodies.read(body, config.maxBodyBytes(), parse);
    } catch (ProblemException e) {
      metrics.rejected(slug(e.problem()));
      throw e;
    }
    List<String> json = new ArrayList<>(events.size());
    events.forEach(e -> json.add(e.json()));
    CompletionStage<RateLimiter.Decision> appended =
        sender.isWarmup()
            ? appender.rehearse(kind, json)
            : appender.append(kind, json, quotas.of(sender));
    return appended.handle(
        (decision, failure) -> {
          if (failure == null && !decision.allowed()) {
            metrics.rejected("rate-limited");
            return ProblemResponses.of(quotas.refused(sender, events.size(), decision));
          }
          if (failure == null) {
            if (!sender.isWarmup()) { // the warm-up's requests are not counted: nothing was kept
              countAccepted(kind, sender, events.size());
            }
            return Response.accepted(answer.apply(events))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
          }
          metrics.rejected("unavailable");
          return ProblemResponses.of(
              Problem.unavailable(reasonOf(failure)), config.retryAfterSeconds());
        });
  }

  private void countAccepted(EventLog.Kind kind, Access.Ingestor sender, int count) {
    if (kind == EventLog.Kind.SAMPLE) {
      metrics.samplesAccepted(count);
    } else {
      metrics.accepted(sender.projectId(), count);
    }
  }

  private static String reasonOf(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof StreamAppender.Overloaded) {
      return "ingestion is saturated; nothing of this request was accepted";
    }
    LOG.log(Level.DEBUG, "Append failed", cause);
    return "the event stream (Redis) is unreachable; nothing of this request was accepted";
  }

  private static String slug(Problem p) {
    return p.type().substring(p.type().lastIndexOf(':') + 1);
  }

  /**
   * Reads a body holding one object with {@code read} (native or compat format), throwing a 400
   * problem listing its violations.
   */
  public static List<ParsedEvent> one(
      JsonParser parser,
      java.util.function.BiFunction<JsonParser, Instant, EventParser.Result> read,
      String title) {
    if (parser.next() != JsonParser.Event.START_OBJECT) {
      throw new ProblemException(
          Problem.invalid(
              title, List.of(new Problem.Violation(null, "$", "the body must be a JSON object"))));
    }
    return List.of(one(read.apply(parser, Instant.now()), title));
  }

  /**
   * Streams the rest of a batch whose START_ARRAY was read, each item with {@code read}: all valid,
   * or a 400 listing every error with its index. No tree is built for the items.
   */
  public static List<ParsedEvent> batch(
      JsonParser parser,
      java.util.function.BiFunction<JsonParser, Instant, EventParser.Result> read,
      int max,
      String noun) {
    Instant now = Instant.now();
    List<ParsedEvent> parsed = new ArrayList<>();
    List<Problem.Violation> errors = new ArrayList<>();
    int count = 0;
    JsonParser.Event e;
    while ((e = parser.next()) != JsonParser.Event.END_ARRAY) {
      int index = count++;
      if (e != JsonParser.Event.START_OBJECT) {
        errors.add(
            new Problem.Violation(
                index,
                "$",
                (noun.matches("[aeiou].*") ? "an " : "a ") + noun + " must be a JSON object"));
        EventParser.skipValue(parser, e);
        continue;
      }
      EventParser.Result result = read.apply(parser, now);
      if (result.ok()) {
        parsed.add(result.event());
      } else {
        result.errors().forEach(err -> errors.add(Problem.Violation.of(index, err)));
      }
    }
    if (count == 0 || count > max) {
      throw new ProblemException(
          Problem.invalid(
              "Invalid batch",
              List.of(
                  new Problem.Violation(
                      null, "$", "a batch holds 1-" + max + " " + noun + "s, got " + count))));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalid("Invalid batch: nothing was accepted", errors));
    }
    return parsed;
  }

  /** The event of {@code result}, or a 400 problem listing its violations. */
  public static ParsedEvent one(EventParser.Result result, String title) {
    if (!result.ok()) {
      throw new ProblemException(
          Problem.invalid(title, result.errors().stream().map(Problem.Violation::of).toList()));
    }
    return result.event();
  }
}
