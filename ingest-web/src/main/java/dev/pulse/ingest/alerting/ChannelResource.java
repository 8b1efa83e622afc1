package dev.pulse.ingest.alerting;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.Circuit;
import dev.pulse.domain.notify.TestOutcome;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.account.Checks;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.application.ChannelService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ChannelResource is {@code /api/v1/projects/{project}/channels}: viewers read, admins write.
 * Webhook, Slack and email channels, with optional grouping and a fallback channel; views carry the
 * channel's circuit as {@code health}. Secrets are write-only (ChannelJson, ChannelViews). An email
 * channel is saved while no SMTP server is configured, with a warning in the answer. A URL that
 * resolves to a link-local or metadata address is refused (private ones too, unless
 * PULSE_NOTIFY_ALLOW_PRIVATE_NETWORKS=true); the sender checks again at every delivery.
 */
@Path("/api/v1/projects/{project}/channels")
@RequestScoped
@Tag(name = "alerting")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
public class ChannelResource {

  /** How long a test send waits for its first attempt before answering 202 pending. */
  static final Duration TEST_WAIT = Duration.ofSeconds(10);

  @Inject Access access;
  @Inject ChannelService channels;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createChannel",
      summary = "Create a webhook, slack or email channel (admin)")
  @APIResponse(responseCode = "201", ref = ApiResponses.CHANNEL)
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public Response create(
      @PathParam("project") String project,
      @RequestBody(
              required = true,
              content =
                  @Content(schema = @Schema(implementation = ChannelViews.ChannelInput.class)))
          JsonObject body) {
    access.require(project, Role.ADMIN);
    Instant now = Instant.now();
    Channel ch = checked(UUID.randomUUID(), project, body, null, now, now);
    channels.create(ch);
    return Response.created(URI.create("/api/v1/projects/" + project + "/channels/" + ch.id()))
        .entity(savedView(ch))
        .build();
  }

  @GET
  @Operation(operationId = "listChannels", summary = "The project's channels")
  @APIResponse(
      responseCode = "200",
      description = "The project's channels, without secrets",
      content = @Content(schema = @Schema(implementation = ChannelViews.ChannelPage.class)))
  public ChannelViews.ChannelPage list(@PathParam("project") String project) {
    access.require(project, Role.VIEWER);
    Map<UUID, Circuit> circuits = channels.circuits(project);
    return new ChannelViews.ChannelPage(
        channels.list(project).stream()
            .map(ch -> ChannelViews.ChannelView.of(ch, circuits.get(ch.id())))
            .toList(),
        null);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getChannel", summary = "One channel, without secrets")
  @APIResponse(responseCode = "200", ref = ApiResponses.CHANNEL)
  public ChannelViews.ChannelView get(
      @PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return view(find(project, id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateChannel",
      summary =
          "Replace a channel (admin); omitted headers, secret or Slack url are kept if the type"
              + " stays")
  @APIResponse(responseCode = "200", ref = ApiResponses.CHANNEL)
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public ChannelViews.ChannelView update(
      @PathParam("project") String project,
      @PathParam("id") String id,
      @RequestBody(
              required = true,
              content =
                  @Content(schema = @Schema(implementation = ChannelViews.ChannelInput.class)))
          JsonObject body) {
    access.require(project, Role.ADMIN);
    Channel old = find(project, id);
    Channel ch = checked(old.id(), project, body, old, old.createdAt(), Instant.now());
    channels.update(ch);
    return savedView(ch);
  }

  @DELETE
  @Path("/{id}")
  @Operation(operationId = "deleteChannel", summary = "Delete a channel (admin)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response delete(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.ADMIN);
    if (!channels.delete(project, find(project, id).id())) {
      throw Pages.notFound("channel");
    }
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/test")
  @Operation(
      operationId = "testChannel",
      summary = "Send a test notification and wait for its outcome (member)",
      description =
          "Waits up to 10 s for the first delivery attempt: 200 with status sent or failed (a"
              + " failed test is retried like any notification; see the notification log), or 202"
              + " with status pending when no attempt was made in time (e.g. the channel's"
              + " circuit is open).")
  @APIResponse(responseCode = "200", ref = ApiResponses.CHANNEL_TEST)
  @APIResponse(responseCode = "202", ref = ApiResponses.CHANNEL_TEST)
  public Response test(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    Channel ch = find(project, id);
    TestOutcome outcome = channels.test(project, ch.id(), TEST_WAIT);
    return Response.status(
            TestOutcome.PENDING.equals(outcome.status())
                ? Response.Status.ACCEPTED
                : Response.Status.OK)
        .entity(ChannelViews.TestResult.of(outcome))
        .build();
  }

  private Channel checked(
      UUID id, String project, JsonObject body, Channel old, Instant created, Instant updated) {
    Checks.present(body);
    List<FieldError> errors = new ArrayList<>();
    Channel ch = ChannelJson.read(id, project, body, old, created, updated, errors);
    errors.addAll(channels.errors(ch));
    Checks.validate("Invalid channel", errors);
    channels
        .urlRefusal(ch)
        .ifPresent(
            why -> {
              throw new ProblemException(Problem.invalidField("Invalid channel", "url", why));
            });
    return ch;
  }

  private Channel find(String project, String id) {
    return channels
        .find(project, Pages.pathId(id, "channel"))
        .orElseThrow(() -> Pages.notFound("channel"));
  }

  private ChannelViews.ChannelView view(Channel ch) {
    return ChannelViews.ChannelView.of(ch, channels.circuits(ch.project()).get(ch.id()));
  }

  /** After a create or update: the view, with a warning when the channel cannot deliver. */
  private ChannelViews.ChannelView savedView(Channel ch) {
    return ChannelViews.ChannelView.of(
        ch,
        channels.circuits(ch.project()).get(ch.id()),
        ChannelViews.warning(ch, channels.smtpHost()).orElse(null));
  }
}
