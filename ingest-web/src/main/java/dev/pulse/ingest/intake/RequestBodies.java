package dev.pulse.ingest.intake;

import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * RequestBodies reads a JSON request body of at most {@code maxBytes}, answering 413 for larger
 * bodies and 400 (with the position) for malformed JSON.
 */
public final class RequestBodies {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private RequestBodies() {}

  /** Reads the body as one JSON value (a tree). */
  public static JsonValue readJson(InputStream body, int maxBytes) {
    return read(
        body,
        maxBytes,
        parser -> {
          parser.next();
          return parser.getValue();
        });
  }

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
      T value = reader.apply(parser);
      if (parser.hasNext()) {
        throw new JsonParsingException(
            "unexpected data after the JSON value", parser.getLocation());
      }
      return value;
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      throw new ProblemException(
          Problem.badRequest(
              "malformed-json", "Malformed JSON", "the body is not valid JSON" + where));
    } catch (JsonException | NoSuchElementException e) {
      throw new ProblemException(
          Problem.badRequest(
              "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage()));
    }
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
