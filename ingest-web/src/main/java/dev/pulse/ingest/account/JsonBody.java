package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.ingest.intake.RequestBodies;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JsonBody is a small JSON object request body: fields are read with their expected type and every
 * violation is collected, so one 400 names all of them. Unknown fields are ignored.
 */
final class JsonBody {

  /** Account bodies are tiny; this bounds what a client can make the server buffer. */
  private static final int MAX_BYTES = 16 * 1024;

  private final JsonObject json;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  static JsonBody read(InputStream body) {
    JsonValue value =
        RequestBodies.read(
            body,
            MAX_BYTES,
            parser -> {
              if (parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
              }
              return parser.getObject();
            });
    if (!(value instanceof JsonObject object)) {
      throw new ProblemException(
          Problem.invalidField("Invalid request", "$", "the body must be a JSON object"));
    }
    return new JsonBody(object);
  }

  boolean has(String field) {
    return json.containsKey(field) && json.get(field).getValueType() != JsonValue.ValueType.NULL;
  }

  /** The string value, or null when absent or null; a non-string is a violation. */
  String string(String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    errors.add(new FieldError(field, field + " must be a string"));
    return null;
  }

  /** A whole number, or null when absent or null. */
  Long integer(String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.bigIntegerValueExact().longValueExact();
      } catch (ArithmeticException tooBig) {
        // reported below
      }
    }
    errors.add(new FieldError(field, field + " must be a whole number"));
    return null;
  }

  JsonBody check(List<FieldError> violations) {
    errors.addAll(violations);
    return this;
  }

  /** Throws the 400 listing every violation found so far, if there is any. */
  void validate(String title) {
    if (!errors.isEmpty()) {
      List<Problem.Violation> list = errors.stream().map(Problem.Violation::of).toList();
      String detail =
          list.size() == 1 ? list.get(0).message() : list.size() + " fields are invalid";
      throw new ProblemException(
          new Problem("urn:pulse:problem:invalid-request", title, 400, detail, list));
    }
  }
}
