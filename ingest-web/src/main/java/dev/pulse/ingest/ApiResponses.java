package dev.pulse.ingest;

/**
 * ApiResponses names the error responses declared once as OpenAPI components (on {@link
 * IngestApplication}); resources refer to them with {@code @APIResponse(responseCode = "404", ref =
 * ApiResponses.NOT_FOUND)} instead of repeating their description and problem schema.
 */
public final class ApiResponses {

  public static final String BAD_REQUEST = "BadRequest";
  public static final String UNAUTHORIZED = "Unauthorized";
  public static final String FORBIDDEN = "Forbidden";
  public static final String NOT_FOUND = "NotFound";
  public static final String CONFLICT = "Conflict";
  public static final String TOO_LARGE = "PayloadTooLarge";
  public static final String UNSUPPORTED = "UnsupportedMediaType";
  public static final String RATE_LIMITED = "TooManyRequests";
  public static final String UNAVAILABLE = "ServiceUnavailable";
  public static final String INTERNAL = "InternalError";

  private ApiResponses() {}
}
