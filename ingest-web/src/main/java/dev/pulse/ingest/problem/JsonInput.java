package dev.pulse.ingest.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import java.util.Locale;

/**
 * JsonInput recognises a request body the JSON parser or binder could not read — malformed, of the
 * wrong shape for its record, or nested deeper than the parser allows — so it is answered 400,
 * never 500.
 */
final class JsonInput {

  private JsonInput() {}

  static boolean isMalformed(Throwable t) {
    return t instanceof JsonException || t instanceof JsonbException || isTooDeep(t);
  }

  /** The parser's depth limit (Parsson: "Input is too deeply nested ..."), whatever its class. */
  static boolean isTooDeep(Throwable t) {
    String message = t.getMessage();
    return t instanceof RuntimeException
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("too deeply nested");
  }

  static Problem problem(Throwable t) {
    if (isTooDeep(t)) {
      return Problem.badRequest(
          "malformed-json",
          "Malformed JSON",
          "the body is nested deeper than the parser allows (1000 levels)");
    }
    return Problem.badRequest(
        "malformed-json",
        "Malformed JSON",
        "the body is not valid JSON for this request: "
            + "check field types and that it is one JSON object");
  }
}
