package dev.pulse.ingest;

import dev.pulse.ingest.alerting.AlertViews;
import dev.pulse.ingest.alerting.ChannelViews;
import dev.pulse.ingest.alerting.RuleViews;
import dev.pulse.ingest.alerting.SilenceViews;
import dev.pulse.ingest.problem.Problem;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * IngestApplication is the JAX-RS application of ingest-web, served at the root context. It also
 * declares, once, the error responses every resource refers to ({@link ApiResponses}).
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "pulse")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Pulse",
            version = "0.1.0",
            description =
                "Event ingestion: events are validated, appended durably to a Redis stream (202) and "
                    + "persisted to PostgreSQL by the worker. Errors are RFC 9457 problem details.",
            license =
                @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
    tags = {
      @Tag(name = "events", description = "Send and query events"),
      @Tag(name = "auth", description = "Accounts and tokens"),
      @Tag(name = "users", description = "Your account"),
      @Tag(name = "projects", description = "Projects, members and ingest keys"),
      @Tag(name = "compatibility", description = "Formats of earlier systems")
    },
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = ApiResponses.BAD_REQUEST,
                  description = "Malformed JSON or invalid fields (each named in errors)",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.UNAUTHORIZED,
                  description = "No valid access token (or ingest key, where one is accepted)",
                  headers =
                      @Header(
                          name = "WWW-Authenticate",
                          schema = @Schema(type = SchemaType.STRING)),
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.FORBIDDEN,
                  description = "Your role in the project does not allow this",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.NOT_FOUND,
                  description = "No such resource among yours",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.CONFLICT,
                  description = "The change conflicts with stored data",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.TOO_LARGE,
                  description = "Body over the size limit (1 MiB by default)",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.UNSUPPORTED,
                  description = "Body is not application/json",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.RATE_LIMITED,
                  description =
                      "A rate limit or quota refused the request; retry after Retry-After seconds",
                  headers =
                      @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.UNAVAILABLE,
                  description =
                      "Redis or PostgreSQL unreachable, ingestion saturated, or shutting down; "
                          + "retry after Retry-After seconds",
                  headers =
                      @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.INTERNAL,
                  description = "An unexpected failure, logged under the incident id in instance",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = ApiResponses.ALERT,
                  description = "The alert",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = AlertViews.AlertView.class))),
              @APIResponse(
                  name = ApiResponses.RULE,
                  description = "The rule as written, with its id, state and times",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = RuleViews.RuleView.class))),
              @APIResponse(
                  name = ApiResponses.CHANNEL,
                  description = "The channel, without its secrets",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ChannelViews.ChannelView.class))),
              @APIResponse(
                  name = ApiResponses.SILENCE,
                  description = "The silence, with its state now",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = SilenceViews.SilenceView.class))),
              @APIResponse(
                  name = ApiResponses.CHANNEL_TEST,
                  description = "The test notification's outcome",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ChannelViews.TestResult.class)))
            }))
@SecurityScheme(
    securitySchemeName = "accessToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "A user's access token from POST /api/v1/auth/login (RS256, short-lived)")
@SecurityScheme(
    securitySchemeName = "ingestKey",
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    apiKeyName = "X-Pulse-Key",
    description = "A project's ingest key; Authorization: Bearer <key> works too")
public class IngestApplication extends Application {}
