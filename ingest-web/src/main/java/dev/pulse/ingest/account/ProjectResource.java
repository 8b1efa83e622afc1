package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRepository;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.ApiKey;
import dev.pulse.domain.tenancy.Project;
import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.auth.IngestKeys;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.application.MembershipChanges;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ProjectResource is {@code /api/v1/projects}: a user's projects, their members and their ingest
 * keys. Viewers read; admins manage keys and members; owners also appoint admins and owners.
 * Membership changes are use cases of the service tier ({@link MembershipChanges}) that check the
 * caller's role and change under one lock.
 */
@Path("/api/v1/projects")
@RequestScoped
@Tag(name = "projects")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
public class ProjectResource {

  @Inject Access access;
  @Inject IngestKeys ingestKeys;
  @EJB ProjectRepository projects;
  @EJB AccountRepository accounts;
  @EJB MembershipChanges memberships;

  @GET
  @Operation(
      operationId = "listProjects",
      summary = "The projects you belong to, with your role in each")
  @APIResponse(
      responseCode = "200",
      description = "Projects",
      content = @Content(schema = @Schema(implementation = Views.ProjectList.class)))
  public Views.ProjectList list() {
    return new Views.ProjectList(
        projects.projectsOf(access.user()).stream()
            .map(pr -> Views.ProjectView.of(pr.project(), pr.role()))
            .toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createProject",
      summary = "Create a project; you become its owner",
      description =
          "id is optional: by default it is derived from the name (\"Checkout API\" -> "
              + "checkout-api).")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = Views.ProjectView.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  @APIResponse(responseCode = "409", description = "The id is taken", ref = ApiResponses.CONFLICT)
  public Response create(@Valid Requests.NewProject body) {
    UUID user = access.user();
    Checks.present(body);
    String name = body.name();
    String id = body.id() != null ? body.id() : AccountRules.slugOf(name);
    Checks.validate(
        "Invalid project",
        AccountRules.checkName("name", name, AccountRules.MAX_NAME_LENGTH, true),
        AccountRules.checkSlug(id));
    if (accounts.find(user).isEmpty()) {
      throw new ProblemException(
          Problem.unauthorized("the account of this token no longer exists"));
    }
    Project project = new Project(id, name.strip(), Instant.now());
    if (!projects.create(project, user)) {
      throw new ProblemException(
          Problem.conflict(
              "the project id "
                  + id
                  + " is taken (ids of deleted projects too); choose another id"));
    }
    return Response.created(URI.create("/api/v1/projects/" + id))
        .entity(Views.ProjectView.of(project, Role.OWNER))
        .build();
  }

  @GET
  @Path("/{project}")
  @Operation(operationId = "getProject", summary = "One of your projects")
  @APIResponse(
      responseCode = "200",
      description = "The project",
      content = @Content(schema = @Schema(implementation = Views.ProjectView.class)))
  public Views.ProjectView get(@PathParam("project") String projectId) {
    Role role = access.require(projectId, Role.VIEWER);
    return Views.ProjectView.of(
        projects.find(projectId).orElseThrow(() -> notFound("project")), role);
  }

  @PUT
  @Path("/{project}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "renameProject", summary = "Rename a project (admin)")
  @APIResponse(
      responseCode = "200",
      description = "The project",
      content = @Content(schema = @Schema(implementation = Views.ProjectView.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public Views.ProjectView rename(
      @PathParam("project") String projectId, @Valid Requests.Rename body) {
    Role role = access.require(projectId, Role.ADMIN);
    String name = Checks.present(body).name();
    Checks.validate(
        "Invalid project",
        AccountRules.checkName("name", name, AccountRules.MAX_NAME_LENGTH, true));
    return Views.ProjectView.of(
        projects.rename(projectId, name.strip()).orElseThrow(() -> notFound("project")), role);
  }

  @GET
  @Path("/{project}/members")
  @Operation(operationId = "listMembers", summary = "Members and their roles (viewer)")
  @APIResponse(
      responseCode = "200",
      description = "Members",
      content = @Content(schema = @Schema(implementation = Views.MemberList.class)))
  public Views.MemberList members(@PathParam("project") String projectId) {
    access.require(projectId, Role.VIEWER);
    return new Views.MemberList(
        projects.members(projectId).stream().map(Views.MemberView::of).toList());
  }

  @POST
  @Path("/{project}/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "addMember",
      summary = "Add a registered user by email (admin)",
      description = "Admins add members and viewers; owners also add admins and owners.")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = Views.MemberView.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  @APIResponse(responseCode = "409", description = "Already a member", ref = ApiResponses.CONFLICT)
  public Response addMember(
      @PathParam("project") String projectId, @Valid Requests.NewMember body) {
    UUID me = access.user();
    Checks.present(body);
    String email = AccountRules.normalizeEmail(body.email());
    Optional<Role> role = Role.parse(body.role());
    Checks.validate("Invalid member", AccountRules.checkEmail(email), roleErrors(role));
    ProjectRepository.Member member =
        memberships.add(me, projectId, email, role.orElseThrow(), Instant.now());
    return Response.created(
            URI.create("/api/v1/projects/" + projectId + "/members/" + member.userId()))
        .entity(Views.MemberView.of(member))
        .build();
  }

  @PUT
  @Path("/{project}/members/{user}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "changeMemberRole",
      summary = "Change a member's role (admin)",
      description = "A project always keeps at least one owner.")
  @APIResponse(
      responseCode = "200",
      description = "The member",
      content = @Content(schema = @Schema(implementation = Views.MemberView.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  @APIResponse(
      responseCode = "409",
      description = "It would leave the project without an owner",
      ref = ApiResponses.CONFLICT)
  public Views.MemberView changeRole(
      @PathParam("project") String projectId,
      @PathParam("user") String userId,
      @Valid Requests.RoleChange body) {
    UUID me = access.user();
    Optional<Role> role = Role.parse(Checks.present(body).role());
    Checks.validate("Invalid member", roleErrors(role));
    UUID target = uuid(userId).orElseThrow(() -> notFound("member"));
    return Views.MemberView.of(memberships.changeRole(me, projectId, target, role.orElseThrow()));
  }

  @DELETE
  @Path("/{project}/members/{user}")
  @Operation(
      operationId = "removeMember",
      summary = "Remove a member (admin), or leave a project (anyone, with their own id)")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "409",
      description = "It would leave the project without an owner",
      ref = ApiResponses.CONFLICT)
  public Response removeMember(
      @PathParam("project") String projectId, @PathParam("user") String userId) {
    UUID me = access.user();
    UUID target = uuid(userId).orElseThrow(() -> notFound("member"));
    memberships.remove(me, projectId, target);
    return Response.noContent().build();
  }

  @GET
  @Path("/{project}/keys")
  @Operation(operationId = "listKeys", summary = "Ingest keys, by prefix only (admin)")
  @APIResponse(
      responseCode = "200",
      description = "Keys, revoked ones included",
      content = @Content(schema = @Schema(implementation = Views.KeyList.class)))
  public Views.KeyList keys(@PathParam("project") String projectId) {
    access.require(projectId, Role.ADMIN);
    return new Views.KeyList(projects.keys(projectId).stream().map(Views.KeyView::of).toList());
  }

  @POST
  @Path("/{project}/keys")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createKey",
      summary = "Create an ingest key (admin)",
      description =
          "The response holds the secret, shown this once; Pulse keeps only its SHA-256 digest. "
              + "events_per_minute sets an optional quota (429 with Retry-After beyond it).")
  @APIResponse(
      responseCode = "201",
      description = "Created; the only time the secret is shown",
      content = @Content(schema = @Schema(implementation = Views.NewKey.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public Response createKey(@PathParam("project") String projectId, @Valid Requests.NewKey body) {
    UUID user = access.user();
    access.require(projectId, Role.ADMIN);
    Checks.present(body);
    String name = body.name();
    Long quota = body.eventsPerMinute();
    Checks.validate(
        "Invalid key",
        AccountRules.checkName("name", name, AccountRules.MAX_KEY_NAME_LENGTH, true),
        AccountRules.checkEventsPerMinute(quota));
    String secret = Secrets.newApiKey();
    ApiKey key =
        new ApiKey(
            UUID.randomUUID(),
            projectId,
            name.strip(),
            Secrets.shown(secret),
            Secrets.digest(secret),
            quota,
            user,
            Instant.now());
    projects.addKey(key);
    return Response.created(URI.create("/api/v1/projects/" + projectId + "/keys/" + key.getId()))
        .entity(
            new Views.NewKey(
                key.getId(), key.getName(), key.getPrefix(), quota, key.getCreatedAt(), secret))
        .build();
  }

  @DELETE
  @Path("/{project}/keys/{key}")
  @Operation(
      operationId = "revokeKey",
      summary = "Revoke an ingest key (admin)",
      description =
          "Takes effect at once on the node that served this request, on other nodes within "
              + "PULSE_AUTH_KEY_CACHE_SECONDS.")
  @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
  public Response revokeKey(
      @PathParam("project") String projectId, @PathParam("key") String keyId) {
    access.require(projectId, Role.ADMIN);
    ApiKey key =
        uuid(keyId)
            .flatMap(id -> projects.revokeKey(projectId, id, Instant.now()))
            .orElseThrow(() -> notFound("key"));
    ingestKeys.forget(key);
    return Response.noContent().build();
  }

  private static List<FieldError> roleErrors(Optional<Role> role) {
    return role.isPresent()
        ? List.of()
        : List.of(new FieldError("role", "role must be one of owner, admin, member, viewer"));
  }

  private static Optional<UUID> uuid(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ProblemException notFound(String what) {
    return new ProblemException(Problem.notFound("no such " + what + " in this project"));
  }
}
