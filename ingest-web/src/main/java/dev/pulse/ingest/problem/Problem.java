package dev.pulse.ingest.problem;

import dev.pulse.domain.event.FieldError;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Problem is an RFC 9457 problem detail ({@code application/problem+json}). {@code type} is a
 * stable URN per kind of problem; {@code errors} lists field-level violations where there are any.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
    @Schema(example = "urn:pulse:problem:invalid-event") String type,
    @Schema(example = "Invalid event") String title,
    @Schema(example = "400") int status,
    @Schema(example = "1 field is invalid") String detail,
    List<Violation> errors,
    @Schema(
            description =
                "for unexpected failures: the incident id under which the server logged the details",
            example = "urn:pulse:incident:0b7e3f0e-4c1a-4d2e-9a51-3f5f3c7c2a10")
        String instance) {

  public Problem(String type, String title, int status, String detail, List<Violation> errors) {
    this(type, title, status, detail, errors, null);
  }

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field; {@code index} is the item's position in a batch. */
  @Schema(name = "Violation")
  public record Violation(
      @Schema(description = "position in the batch (batch requests only)") Integer index,
      @Schema(example = "type") String field,
      @Schema(example = "type is required") String message) {

    public static Violation of(FieldError e) {
      return new Violation(null, e.field(), e.message());
    }

    public static Violation of(int index, FieldError e) {
      return new Violation(index, e.field(), e.message());
    }
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem("urn:pulse:problem:" + slug, title, status, detail, null);
  }

  public static Problem badRequest(String slug, String title, String detail) {
    return of(400, slug, title, detail);
  }

  public static Problem invalid(String title, List<Violation> errors) {
    String detail =
        errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid";
    return new Problem("urn:pulse:problem:invalid-event", title, 400, detail, errors);
  }

  public static Problem invalidParameter(String field, String message) {
    return new Problem(
        "urn:pulse:problem:invalid-parameter",
        "Invalid query parameter",
        400,
        message,
        List.of(new Violation(null, field, message)));
  }

  public static Problem tooLarge(int maxBytes) {
    return of(
        413,
        "body-too-large",
        "Request body too large",
        "request bodies are limited to " + maxBytes + " bytes");
  }

  public static Problem unavailable(String detail) {
    return of(503, "unavailable", "Service unavailable", detail);
  }

  public static Problem unauthorized(String detail) {
    return of(401, "unauthorized", "Authentication required", detail);
  }

  public static Problem forbidden(String detail) {
    return of(403, "forbidden", "Forbidden", detail);
  }

  public static Problem conflict(String detail) {
    return of(409, "conflict", "Conflict", detail);
  }

  /** 429: {@code limit} names the limit that refused the request, as configured. */
  public static Problem rateLimited(String limit, String detail) {
    return of(429, "rate-limited", "Too many requests: " + limit, detail);
  }

  public static Problem invalidField(String title, String field, String message) {
    return new Problem(
        "urn:pulse:problem:invalid-request",
        title,
        400,
        message,
        List.of(new Violation(null, field, message)));
  }

  /** 500: something failed that should not have; the details are logged under {@code incident}. */
  public static Problem internal(String incident) {
    return new Problem(
        "urn:pulse:problem:internal",
        "Internal error",
        500,
        "an unexpected error occurred; it was logged as incident " + incident,
        null,
        "urn:pulse:incident:" + incident);
  }

  /** 400 listing field violations, as every request body check reports them. */
  public static Problem invalidRequest(String title, List<Violation> errors) {
    String detail =
        errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid";
    return new Problem("urn:pulse:problem:invalid-request", title, 400, detail, errors);
  }

  public static Problem notFound(String detail) {
    return of(404, "not-found", "Not found", detail);
  }
}
