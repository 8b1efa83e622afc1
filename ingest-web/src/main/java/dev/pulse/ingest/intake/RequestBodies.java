package dev.pulse.ingest.intake;

import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RequestBodies reads a JSON request body of at most {@code maxBytes}, answering 413 for larger
 * bodies and 400 (with the position) for malformed JSON, including JSON nested deeper than the
 * parser allows.
 */
public final class RequestBodies {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  /** The package of the JSON-P implementation's classes, e.g. {@code org.eclipse.parsson.}. */
  private static final String IMPLEMENTATION = PARSERS.getClass().getPackageName() + ".";

  private static final Pattern LAST_NUMBER =
      Pattern.compile("(\\d+(?:[,.'\u00a0\u202f]\\d+)*)\\D*$", Pattern.UNICODE_CHARACTER_CLASS);

  private RequestBodies() {}

  /**
   * Reads the body with a streaming parser: {@code reader} starts before the first token and must
   * consume exactly one JSON value; anything after it is malformed input (a JsonReader would
   * silently ignore a second document, e.g. {@code [..] [..]}).
   */
  public static <T> T read(InputStream body, int maxBytes, Function<JsonParser, T> reader) {
    byte[] bytes = readAtMost(body, maxBytes);
    if (bytes.length == 0) {
      throw new ProblemException(
          Problem.badRequest("malformed-json", "Malformed JSON", "the request body is empty"));
    }
    try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(bytes))) {
      try {
        T value = reader.apply(parser);
        if (parser.hasNext()) {
          throw new JsonParsingException(
              "unexpected data after the JSON value", parser.getLocation());
        }
        return value;
      } catch (RuntimeException e) {
        if (isNestingLimit(e)) {
          throw tooDeep(e.getMessage(), parser.getLocation());
        }
        throw e;
      }
    } catch (JsonParsingException e) {
      throw malformed("the body is not valid JSON" + where(e.getLocation()));
    } catch (JsonException | NoSuchElementException e) {
      throw malformed("the body is not valid JSON: " + e.getMessage());
    }
  }

  /**
   * Whether {@code e} is the parser refusing input nested deeper than its limit. Parsson 1.1.x
   * throws a plain {@code RuntimeException("Input is too deeply nested 1,000")} (the limit,
   * formatted for the default locale) from {@code JsonParserImpl$Stack.push} as it enters the
   * 1000th level. Liberty ships its own JSON-P implementation, so no class of it is named here: the
   * message must speak of nesting, and the exception must be a JSON-P one or come from the
   * implementation's own code (its top frame is in the package of the parser factory), so that a
   * RuntimeException thrown by a reader, or a ProblemException, is never taken for it.
   */
  private static boolean isNestingLimit(RuntimeException e) {
    String message = e.getMessage();
    if (message == null
        || !message.toLowerCase(Locale.ROOT).contains("nested")
        || e instanceof ProblemException) {
      return false;
    }
    if (e instanceof JsonException) {
      return true;
    }
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0
        ? e.getClass() == RuntimeException.class // stack traces are off in this JVM
        : trace[0].getClassName().startsWith(IMPLEMENTATION);
  }

  private static ProblemException tooDeep(String message, JsonLocation at) {
    String limit = limitOf(message);
    return malformed(
        "the body is nested too deeply"
            + (limit.isEmpty()
                ? ""
                : ": arrays and objects cannot be nested " + limit + " or more levels deep")
            + where(at));
  }

  /** The last number of the parser's message: "1,000", "1.000" and "1000" all give "1000". */
  private static String limitOf(String message) {
    Matcher number = LAST_NUMBER.matcher(message);
    if (!number.find()) {
      return "";
    }
    StringBuilder digits = new StringBuilder();
    number
        .group(1)
        .codePoints()
        .filter(Character::isDigit)
        .forEach(c -> digits.append(Character.digit(c, 10)));
    return digits.toString();
  }

  private static String where(JsonLocation at) {
    return at == null || at.getLineNumber() < 0
        ? ""
        : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(Problem.badRequest("malformed-json", "Malformed JSON", detail));
  }

  private static byte[] readAtMost(InputStream body, int maxBytes) {
    try {
      byte[] bytes = body.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new ProblemException(Problem.tooLarge(maxBytes));
      }
      return bytes;
    } catch (IOException e) {
      throw new ProblemException(
          Problem.badRequest(
              "unreadable-body", "Unreadable body", "the request body could not be read"));
    }
  }
}
