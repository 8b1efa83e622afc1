package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.ApiKey;
import dev.pulse.domain.tenancy.Project;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.domain.tenancy.User;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.auth.IngestKeys;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.tenancy.JpaAccountRepository;
import dev.pulse.worker.tenancy.JpaProjectRepository;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ProjectResource is {@code /api/v1/projects}: a user's projects, their members and their ingest
 * keys. Viewers read; admins manage keys and members; owners also appoint admins and owners.
 */
@Path("/api/v1/projects")
@RequestScoped
@Tag(name = "projects")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(
    responseCode = "401",
    description = "No valid access token",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "403",
    description = "Your role in the project does not allow this",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "404",
    description = "No such project among yours (or no such member or key)",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProjectResource {

  @Inject Access access;
  @Inject IngestKeys ingestKeys;
  @EJB JpaProjectRepository projects;
  @EJB JpaAccountRepository accounts;

  @GET
  @Operation(summary = "The projects you belong to, with your role in each")
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
      summary = "Create a project; you become its owner",
      description =
          "id is optional: by default it is derived from the name (\"Checkout API\" -> checkout-api).")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples = @ExampleObject(name = "create", value = "{\"name\": \"Checkout API\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = Views.ProjectView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid fields",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The id is taken",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response create(InputStream body) {
    UUID user = access.user();
    JsonBody json = JsonBody.read(body);
    String name = json.string("name");
    String id = json.has("id") ? json.string("id") : AccountRules.slugOf(name == null ? "" : name);
    json.check(AccountRules.checkName("name", name, AccountRules.MAX_NAME_LENGTH, true));
    if (name != null && !name.isBlank()) {
      json.check(AccountRules.checkSlug(id));
    }
    json.validate("Invalid project");
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
  @Operation(summary = "One of your projects")
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
  @Operation(summary = "Rename a project (admin)")
  @APIResponse(
      responseCode = "200",
      description = "The project",
      content = @Content(schema = @Schema(implementation = Views.ProjectView.class)))
  public Views.ProjectView rename(@PathParam("project") String projectId, InputStream body) {
    Role role = access.require(projectId, Role.ADMIN);
    JsonBody json = JsonBody.read(body);
    String name = json.string("name");
    json.check(AccountRules.checkName("name", name, AccountRules.MAX_NAME_LENGTH, true))
        .validate("Invalid project");
    return Views.ProjectView.of(
        projects.rename(projectId, name.strip()).orElseThrow(() -> notFound("project")), role);
  }

  @GET
  @Path("/{project}/members")
  @Operation(summary = "Members and their roles (viewer)")
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
      summary = "Add a registered user by email (admin)",
      description = "Admins add members and viewers; owners also add admins and owners.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "add",
                      value = "{\"email\": \"bob@example.com\", \"role\": \"viewer\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = Views.MemberView.class)))
  @APIResponse(
      responseCode = "409",
      description = "Already a member",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response addMember(@PathParam("project") String projectId, InputStream body) {
    Role mine = access.require(projectId, Role.ADMIN);
    JsonBody json = JsonBody.read(body);
    String email = AccountRules.normalizeEmail(json.string("email"));
    Role role = role(json);
    json.check(AccountRules.checkEmail(email)).validate("Invalid member");
    if (!mine.mayAssign(null, role)) {
      throw new ProblemException(
          Problem.forbidden(
              "your role (" + mine.wireName() + ") cannot add " + role.wireName() + "s"));
    }
    User user =
        accounts
            .findByEmail(email)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound(
                            "no registered user with this email; they must register first")));
    if (!projects.addMember(projectId, user.getId(), role, Instant.now())) {
      throw new ProblemException(
          Problem.conflict(
              "already a member; change their role with PUT .../members/" + user.getId()));
    }
    return Response.created(
            URI.create("/api/v1/projects/" + projectId + "/members/" + user.getId()))
        .entity(Views.MemberView.of(projects.member(projectId, user.getId()).orElseThrow()))
        .build();
  }

  @PUT
  @Path("/{project}/members/{user}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a member's role (admin)",
      description = "A project always keeps at least one owner.")
  @RequestBody(
      required = true,
      content =
          @Content(examples = @ExampleObject(name = "promote", value = "{\"role\": \"member\"}")))
  @APIResponse(
      responseCode = "200",
      description = "The member",
      content = @Content(schema = @Schema(implementation = Views.MemberView.class)))
  @APIResponse(
      responseCode = "409",
      description = "It would leave the project without an owner",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Views.MemberView changeRole(
      @PathParam("project") String projectId, @PathParam("user") String userId, InputStream body) {
    Role mine = access.require(projectId, Role.ADMIN);
    JpaProjectRepository.Member member = member(projectId, userId);
    JsonBody json = JsonBody.read(body);
    Role role = role(json);
    json.validate("Invalid member");
    if (!mine.mayAssign(member.role(), role)) {
      throw new ProblemException(
          Problem.forbidden(
              "your role ("
                  + mine.wireName()
                  + ") cannot change a "
                  + member.role().wireName()
                  + " into a "
                  + role.wireName()));
    }
    if (!projects.changeRole(projectId, member.userId(), role)) {
      throw new ProblemException(
          Problem.conflict("a project needs at least one owner; make someone else owner first"));
    }
    return Views.MemberView.of(
        projects.member(projectId, member.userId()).orElseThrow(() -> notFound("member")));
  }

  @DELETE
  @Path("/{project}/members/{user}")
  @Operation(summary = "Remove a member (admin), or leave a project (anyone, with their own id)")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "409",
      description = "It would leave the project without an owner",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response removeMember(
      @PathParam("project") String projectId, @PathParam("user") String userId) {
    UUID me = access.user();
    boolean leaving = userId.equals(me.toString());
    Role mine = access.require(projectId, leaving ? Role.VIEWER : Role.ADMIN);
    JpaProjectRepository.Member member = member(projectId, userId);
    if (!leaving && !mine.mayAssign(member.role(), null)) {
      throw new ProblemException(
          Problem.forbidden(
              "your role (" + mine.wireName() + ") cannot remove a " + member.role().wireName()));
    }
    if (!projects.changeRole(projectId, member.userId(), null)) {
      throw new ProblemException(
          Problem.conflict("a project needs at least one owner; make someone else owner first"));
    }
    return Response.noContent().build();
  }

  @GET
  @Path("/{project}/keys")
  @Operation(summary = "Ingest keys, by prefix only (admin)")
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
      summary = "Create an ingest key (admin)",
      description =
          "The response holds the secret, shown this once; Pulse keeps only its SHA-256 digest. "
              + "events_per_minute sets an optional quota (429 with Retry-After beyond it).")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "create",
                      value = "{\"name\": \"checkout-prod\", \"events_per_minute\": 60000}")))
  @APIResponse(
      responseCode = "201",
      description = "Created; the only time the secret is shown",
      content = @Content(schema = @Schema(implementation = Views.NewKey.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid fields",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response createKey(@PathParam("project") String projectId, InputStream body) {
    UUID user = access.user();
    access.require(projectId, Role.ADMIN);
    JsonBody json = JsonBody.read(body);
    String name = json.string("name");
    Long quota = json.integer("events_per_minute");
    json.check(AccountRules.checkName("name", name, AccountRules.MAX_KEY_NAME_LENGTH, true))
        .check(AccountRules.checkEventsPerMinute(quota))
        .validate("Invalid key");
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
      summary = "Revoke an ingest key (admin)",
      description =
          "Takes effect at once on the node that served this request, on other nodes within PULSE_AUTH_KEY_CACHE_SECONDS.")
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

  private JpaProjectRepository.Member member(String projectId, String userId) {
    return uuid(userId)
        .flatMap(id -> projects.member(projectId, id))
        .orElseThrow(() -> notFound("member"));
  }

  private static Role role(JsonBody json) {
    String value = json.string("role");
    Optional<Role> role = Role.parse(value);
    if (role.isEmpty()) {
      json.check(
          List.of(new FieldError("role", "role must be one of owner, admin, member, viewer")));
    }
    return role.orElse(Role.VIEWER);
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
