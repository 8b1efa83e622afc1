package dev.pulse.ingest.alerting;

import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.api.QueryParams;
import dev.pulse.ingest.auth.Access;
import dev.pulse.worker.alerting.AlertBook;
import dev.pulse.worker.alerting.AlertQueries;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
  @EJB AlertQueries queries;
  @EJB AlertBook book;

  @GET
  @Operation(operationId = "listAlerts", summary = "Alerts, newest first")
  @APIResponse(responseCode = "200", description = "{items, next_cursor}")
  public String list(
      @PathParam("project") String project,
      @QueryParam("state") String state,
      @QueryParam("rule") String rule,
      @QueryParam("severity") String severity,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    access.require(project, Role.VIEWER);
    return Pages.of(
        queries.alerts(
            project,
            Pages.oneOf(state, "state", STATES),
            Pages.uuid(rule, "rule"),
            severity,
            QueryParams.instant("from", from),
            QueryParams.instant("to", to),
            Pages.limit(limit),
            Pages.cursor(cursor)));
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getAlert", summary = "One alert")
  @APIResponse(responseCode = "200", description = "The alert")
  public String get(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return queries
        .alert(project, Pages.pathId(id, "alert"))
        .orElseThrow(() -> Pages.notFound("alert"));
  }

  @GET
  @Path("/{id}/history")
  @Operation(
      operationId = "getAlertHistory",
      summary = "Every transition of an alert, oldest first")
  @APIResponse(responseCode = "200", description = "{items}")
  public String history(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    String items =
        queries
            .history(project, Pages.pathId(id, "alert"))
            .orElseThrow(() -> Pages.notFound("alert"));
    return "{\"items\":" + items + "}";
  }

  @POST
  @Path("/{id}/ack")
  @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert (member)")
  @APIResponse(responseCode = "200", description = "The alert")
  public String acknowledge(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    UUID alert = Pages.pathId(id, "alert");
    if (!queries.acknowledge(project, alert, access.user(), Instant.now())) {
      throw Pages.notFound("alert");
    }
    return get(project, id);
  }

  @POST
  @Path("/{id}/resolve")
  @Operation(
      operationId = "resolveAlert",
      summary = "Resolve an alert by hand (member); the rule raises a new one if it still holds")
  @APIResponse(responseCode = "200", description = "The alert")
  public String resolve(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    if (!book.resolveManually(project, Pages.pathId(id, "alert"), access.user(), Instant.now())) {
      throw Pages.notFound("alert");
    }
    return get(project, id);
  }
}
