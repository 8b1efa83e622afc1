package dev.pulse.ingest.alerting;

import dev.pulse.domain.rule.RuleRules;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.api.QueryParams;
import dev.pulse.ingest.auth.Access;
import dev.pulse.worker.application.AlertService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * AlertResource is {@code /api/v1/projects/{project}/alerts}: alerts newest first with keyset
 * paging, one alert, its history, acknowledgement and manual resolution (members).
 */
@Path("/api/v1/projects/{project}/alerts")
@RequestScoped
@Tag(name = "alerting")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
public class AlertResource {

  private static final Set<String> STATES = Set.of("pending", "firing", "resolved");

  @Inject Access access;
  @Inject AlertService alerts;

  @GET
  @Operation(operationId = "listAlerts", summary = "Alerts, newest first")
  @APIResponse(
      responseCode = "200",
      description = "A page of alerts",
      content = @Content(schema = @Schema(implementation = AlertViews.AlertPage.class)))
  public AlertViews.AlertPage list(
      @PathParam("project") String project,
      @Parameter(
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"pending", "firing", "resolved"}))
          @QueryParam("state")
          String state,
      @Parameter(description = "a rule id") @QueryParam("rule") String rule,
      @Parameter(
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"critical", "error", "warning", "info"}))
          @QueryParam("severity")
          String severity,
      @Parameter(description = "RFC 3339: started at or after") @QueryParam("from") String from,
      @Parameter(description = "RFC 3339: started before") @QueryParam("to") String to,
      @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
      @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
          String cursor) {
    access.require(project, Role.VIEWER);
    return AlertViews.AlertPage.of(
        alerts.list(
            project,
            Pages.oneOf(state, "state", STATES),
            Pages.uuid(rule, "rule"),
            Pages.oneOf(severity, "severity", RuleRules.SEVERITIES),
            QueryParams.instant("from", from),
            QueryParams.instant("to", to),
            Pages.limit(limit),
            Pages.cursor(cursor)));
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getAlert", summary = "One alert")
  @APIResponse(responseCode = "200", ref = ApiResponses.ALERT)
  public AlertViews.AlertView get(
      @PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return find(project, Pages.pathId(id, "alert"));
  }

  @GET
  @Path("/{id}/history")
  @Operation(
      operationId = "getAlertHistory",
      summary = "Every transition of an alert, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "The transitions",
      content = @Content(schema = @Schema(implementation = AlertViews.AlertHistory.class)))
  public AlertViews.AlertHistory history(
      @PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return new AlertViews.AlertHistory(
        alerts
            .history(project, Pages.pathId(id, "alert"))
            .orElseThrow(() -> Pages.notFound("alert"))
            .stream()
            .map(AlertViews.TransitionView::of)
            .toList());
  }

  @POST
  @Path("/{id}/ack")
  @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert (member)")
  @APIResponse(responseCode = "200", ref = ApiResponses.ALERT)
  public AlertViews.AlertView acknowledge(
      @PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    UUID alert = Pages.pathId(id, "alert");
    if (!alerts.acknowledge(project, alert, access.user())) {
      throw Pages.notFound("alert");
    }
    return find(project, alert);
  }

  @POST
  @Path("/{id}/resolve")
  @Operation(
      operationId = "resolveAlert",
      summary = "Resolve an alert by hand (member); the rule raises a new one if it still holds")
  @APIResponse(responseCode = "200", ref = ApiResponses.ALERT)
  public AlertViews.AlertView resolve(
      @PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    UUID alert = Pages.pathId(id, "alert");
    if (!alerts.resolve(project, alert, access.user())) {
      throw Pages.notFound("alert");
    }
    return find(project, alert);
  }

  private AlertViews.AlertView find(String project, UUID id) {
    return AlertViews.AlertView.of(
        alerts.find(project, id).orElseThrow(() -> Pages.notFound("alert")));
  }
}
