package dev.pulse.ingest.alerting;

import dev.pulse.domain.rule.RuleDraft;
import dev.pulse.domain.rule.RuleRules;
import dev.pulse.domain.rule.StoredRule;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.account.Checks;
import dev.pulse.ingest.auth.Access;
import dev.pulse.worker.application.RuleService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * RuleResource is {@code /api/v1/projects/{project}/rules}: viewers read, members write. A change
 * is stored, then this node reloads its rule set and announces the change to every other node.
 * Disabling or deleting a rule resolves its open alerts.
 */
@Path("/api/v1/projects/{project}/rules")
@RequestScoped
@Tag(name = "alerting")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
public class RuleResource {

  @Inject Access access;
  @Inject RuleService rules;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createRule", summary = "Create an alert rule (member)")
  @APIResponse(responseCode = "201", ref = ApiResponses.RULE)
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public Response create(
      @PathParam("project") String project,
      @RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = RuleViews.RuleInput.class)))
          JsonObject body) {
    access.require(project, Role.MEMBER);
    Instant now = Instant.now();
    StoredRule rule = checked(UUID.randomUUID(), project, body, now, now);
    rules.create(rule);
    return Response.created(URI.create("/api/v1/projects/" + project + "/rules/" + rule.id()))
        .entity(RuleViews.RuleView.of(rule))
        .build();
  }

  @GET
  @Operation(operationId = "listRules", summary = "The project's rules, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "A page of rules",
      content = @Content(schema = @Schema(implementation = RuleViews.RulePage.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public RuleViews.RulePage list(
      @PathParam("project") String project,
      @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
      @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
          String cursor) {
    access.require(project, Role.VIEWER);
    int n = Pages.limit(limit);
    List<StoredRule> page = rules.list(project, Pages.uuid(cursor, "cursor"), n + 1);
    String next = page.size() > n ? page.get(n - 1).id().toString() : null;
    return new RuleViews.RulePage(
        page.stream().limit(n).map(RuleViews.RuleView::of).toList(), next);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getRule", summary = "One rule")
  @APIResponse(responseCode = "200", ref = ApiResponses.RULE)
  public RuleViews.RuleView get(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return RuleViews.RuleView.of(find(project, id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "updateRule", summary = "Replace a rule (member)")
  @APIResponse(responseCode = "200", ref = ApiResponses.RULE)
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public RuleViews.RuleView update(
      @PathParam("project") String project,
      @PathParam("id") String id,
      @RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = RuleViews.RuleInput.class)))
          JsonObject body) {
    access.require(project, Role.MEMBER);
    StoredRule old = find(project, id);
    StoredRule rule = checked(old.id(), project, body, old.createdAt(), Instant.now());
    if (!rules.update(old, rule, access.user())) {
      throw Pages.notFound("rule");
    }
    return RuleViews.RuleView.of(rule);
  }

  @DELETE
  @Path("/{id}")
  @Operation(operationId = "deleteRule", summary = "Delete a rule and resolve its alerts (member)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response delete(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    StoredRule old = find(project, id);
    rules.delete(old, access.user());
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/enable")
  @Operation(operationId = "enableRule", summary = "Enable a rule (member)")
  @APIResponse(responseCode = "200", ref = ApiResponses.RULE)
  public RuleViews.RuleView enable(
      @PathParam("project") String project, @PathParam("id") String id) {
    return switchTo(project, id, true);
  }

  @POST
  @Path("/{id}/disable")
  @Operation(
      operationId = "disableRule",
      summary = "Disable a rule and resolve its alerts (member)")
  @APIResponse(responseCode = "200", ref = ApiResponses.RULE)
  public RuleViews.RuleView disable(
      @PathParam("project") String project, @PathParam("id") String id) {
    return switchTo(project, id, false);
  }

  private RuleViews.RuleView switchTo(String project, String id, boolean on) {
    access.require(project, Role.MEMBER);
    return RuleViews.RuleView.of(rules.switchTo(find(project, id), on, access.user()));
  }

  private StoredRule checked(
      UUID id, String project, JsonObject body, Instant created, Instant updated) {
    Checks.present(body);
    RuleDraft draft = rules.read(body.toString());
    List<UUID> known = rules.channelIds(project);
    RuleRules.Parsed parsed = RuleRules.parse(id, project, draft, known, created, updated);
    Checks.validate("Invalid rule", parsed.errors());
    return new StoredRule(id, project, draft, created, updated);
  }

  private StoredRule find(String project, String id) {
    return rules.find(project, Pages.pathId(id, "rule")).orElseThrow(() -> Pages.notFound("rule"));
  }
}
