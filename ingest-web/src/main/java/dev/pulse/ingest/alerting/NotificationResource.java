package dev.pulse.ingest.alerting;

import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.auth.Access;
import dev.pulse.worker.application.AlertService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * NotificationResource is {@code /api/v1/projects/{project}/notifications}: the log of every
 * notification, newest first, with each delivery attempt.
 */
@Path("/api/v1/projects/{project}/notifications")
@RequestScoped
@Tag(name = "alerting")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
public class NotificationResource {

  private static final Set<String> STATUSES =
      Set.of("pending", "sent", "failed", "throttled", "silenced");

  @Inject Access access;
  @Inject AlertService alerts;

  @GET
  @Operation(operationId = "listNotifications", summary = "Notifications and their attempts")
  @APIResponse(
      responseCode = "200",
      description = "A page of notifications, newest first",
      content = @Content(schema = @Schema(implementation = AlertViews.NotificationPage.class)))
  public AlertViews.NotificationPage notifications(
      @PathParam("project") String project,
      @Parameter(description = "an alert id") @QueryParam("alert") String alert,
      @Parameter(description = "a channel id") @QueryParam("channel") String channel,
      @Parameter(
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"pending", "sent", "failed", "throttled", "silenced"}))
          @QueryParam("status")
          String status,
      @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
      @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
          String cursor) {
    access.require(project, Role.VIEWER);
    return AlertViews.NotificationPage.of(
        alerts.notifications(
            project,
            Pages.uuid(alert, "alert"),
            Pages.uuid(channel, "channel"),
            Pages.oneOf(status, "status", STATUSES),
            Pages.limit(limit),
            Pages.cursor(cursor)));
  }
}
