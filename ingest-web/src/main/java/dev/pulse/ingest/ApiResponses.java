package dev.pulse.ingest;

/**
 * ApiResponses names the responses declared once as OpenAPI components (on {@link
 * IngestApplication}): the errors, and bodies several operations answer with. Resources refer to
 * them with {@code @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)} instead of
 * repeating their description and schema.
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

  /** An alert (schema Alert): get, acknowledge, resolve. */
  public static final String ALERT = "AlertBody";

  /** A rule (schema Rule): create, get, update, enable, disable. */
  public static final String RULE = "RuleBody";

  /** A channel without its secrets (schema Channel): create, get, update. */
  public static final String CHANNEL = "ChannelBody";

  /** A silence (schema Silence): create, get. */
  public static final String SILENCE = "SilenceBody";

  /** A channel test's outcome (schema ChannelTestResult): 200 once attempted, 202 if pending. */
  public static final String CHANNEL_TEST = "ChannelTestBody";

  private ApiResponses() {}
}
