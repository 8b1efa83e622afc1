package dev.pulse.ingest.api;

import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.intake.EventParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CompatResource is {@code POST /ingest}, the PulseMetrics format, so existing PulseMetrics
 * producers can point at Pulse unchanged. Unlike PulseMetrics, nothing accepted is ever dropped.
 */
@Path("/ingest")
@ApplicationScoped
@Tag(name = "compatibility")
public class CompatResource {

  @Inject Intake intake;
  @Inject Access access;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "ingestPulseMetrics",
      summary = "Send one metric in the PulseMetrics format",
      description = "Stored as an event whose source is the metric's name.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = MetricInput.class)))
  @APIResponse(
      responseCode = "202",
      description = "Accepted",
      content = @Content(schema = @Schema(implementation = Accepted.One.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed JSON or invalid fields",
      ref = ApiResponses.BAD_REQUEST)
  @APIResponse(responseCode = "413", description = "Body over 1 MiB", ref = ApiResponses.TOO_LARGE)
  @APIResponse(
      responseCode = "415",
      description = "Body is not application/json",
      ref = ApiResponses.UNSUPPORTED)
  @APIResponse(
      responseCode = "503",
      description = "Redis unreachable, backlog too large, or shutting down",
      ref = ApiResponses.UNAVAILABLE)
  @APIResponse(
      responseCode = "401",
      description = "No valid ingest key or access token",
      ref = ApiResponses.UNAUTHORIZED)
  @APIResponse(
      responseCode = "403",
      description =
          "The token's user is a viewer of the project, or the key belongs to another project",
      ref = ApiResponses.FORBIDDEN)
  @APIResponse(
      responseCode = "429",
      description = "The key's events-per-minute quota is used up; retry after Retry-After seconds",
      ref = ApiResponses.RATE_LIMITED)
  @SecurityRequirement(name = "ingestKey")
  @SecurityRequirement(name = "accessToken")
  public CompletionStage<Response> ingest(
      @Parameter(
              description = "the project, when sending with a user token instead of an ingest key")
          @QueryParam("project")
          String project,
      @Context HttpServletResponse response,
      InputStream body) {
    Access.Ingestor sender = access.ingestor(project, response);
    return intake.accept(
        sender,
        body,
        parser ->
            Intake.one(
                parser,
                (p, now) -> EventParser.readCompat(p, sender.projectId(), now),
                "Invalid metric"),
        accepted -> new Accepted.One(accepted.get(0).id()).json());
  }
}
