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

/**
 * RequestBodies reads a JSON request body of at most {@code maxBytes}, answering 413 for larger
 * bodies and 400 (with the position) for malformed JSON.
 */
public final class RequestBodies {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private RequestBodies() {}

  public static JsonValue readJson(InputStream body, int maxBytes) {
    byte[] bytes = readAtMost(body, maxBytes);
    if (bytes.length == 0) {
      throw new ProblemException(Problem.badRequest("malformed-json", "Malformed JSON", "the request body is empty"));
    }
    try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(bytes))) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) { // a JsonReader ignores anything after the first value, e.g. "[..] [..]"
        throw new JsonParsingException("unexpected data after the JSON value", parser.getLocation());
      }
      return value;
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      throw new ProblemException(
          Problem.badRequest("malformed-json", "Malformed JSON", "the body is not valid JSON" + where));
    } catch (JsonException e) {
      throw new ProblemException(
          Problem.badRequest("malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage()));
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
          Problem.badRequest("unreadable-body", "Unreadable body", "the request body could not be read"));
    }
  }
}
