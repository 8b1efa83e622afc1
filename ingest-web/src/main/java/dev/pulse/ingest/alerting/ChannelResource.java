package dev.pulse.ingest.alerting;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.notify.ChannelRules;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.account.Checks;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.WorkerConfig;
import dev.pulse.worker.notify.Dispatcher;
import dev.pulse.worker.notify.NetworkGuard;
import dev.pulse.worker.notify.NotificationRows;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ChannelResource is {@code /api/v1/projects/{project}/channels}: viewers read, admins write.
 * Header values and the secret are write-only: views show header names and whether a secret is set.
 * A URL that resolves to a link-local or metadata address is refused (private ones too, unless
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

  @Inject Access access;
  @Inject WorkerConfig config;
  @Inject NotificationRows notifications;
  @Inject Dispatcher dispatcher;
  @EJB ChannelRepository channels;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createChannel", summary = "Create a webhook channel (admin)")
  @APIResponse(responseCode = "201", description = "The channel, without secrets")
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public Response create(@PathParam("project") String project, JsonObject body) {
    access.require(project, Role.ADMIN);
    Instant now = Instant.now();
    Channel ch = checked(UUID.randomUUID(), project, body, null, now, now);
    channels.create(ch);
    return Response.created(URI.create("/api/v1/projects/" + project + "/channels/" + ch.id()))
        .entity(view(ch))
        .build();
  }

  @GET
  @Operation(operationId = "listChannels", summary = "The project's channels")
  @APIResponse(responseCode = "200", description = "{items, next_cursor}")
  public String list(@PathParam("project") String project) {
    access.require(project, Role.VIEWER);
    return Pages.of(channels.list(project).stream().map(ChannelResource::view).toList(), null);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getChannel", summary = "One channel, without secrets")
  @APIResponse(responseCode = "200", description = "The channel")
  public String get(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return view(find(project, id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateChannel",
      summary = "Replace a channel (admin); omitted headers or secret are kept")
  @APIResponse(responseCode = "200", description = "The channel")
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public String update(
      @PathParam("project") String project, @PathParam("id") String id, JsonObject body) {
    access.require(project, Role.ADMIN);
    Channel old = find(project, id);
    Channel ch = checked(old.id(), project, body, old, old.createdAt(), Instant.now());
    channels.update(ch);
    return view(ch);
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
  @Operation(operationId = "testChannel", summary = "Send a test notification (member)")
  @APIResponse(responseCode = "202", description = "Queued; see the notification log")
  public Response test(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    Channel ch = find(project, id);
    UUID notification = notifications.test(project, ch.id(), Instant.now());
    dispatcher.wake();
    return Response.accepted(
            Json.createObjectBuilder()
                .add("notification_id", notification.toString())
                .build()
                .toString())
        .build();
  }

  private Channel checked(
      UUID id, String project, JsonObject body, Channel old, Instant created, Instant updated) {
    Checks.present(body);
    String name = text(body, "name");
    String type = body.containsKey("type") ? text(body, "type") : "webhook";
    String url = text(body, "url");
    Map<String, String> headers =
        body.get("headers") instanceof JsonObject h
            ? strings(h)
            : old == null ? Map.of() : old.headers();
    String secret =
        body.containsKey("secret") ? text(body, "secret") : old == null ? null : old.secret();
    Checks.validate("Invalid channel", ChannelRules.check(name, type, url, headers, secret));
    NetworkGuard.refusal(URI.create(url), config.notifyAllowPrivateNetworks())
        .ifPresent(
            why -> {
              throw new ProblemException(Problem.invalidField("Invalid channel", "url", why));
            });
    return new Channel(id, project, name.strip(), type, url, headers, secret, created, updated);
  }

  private Channel find(String project, String id) {
    return channels
        .find(project, Pages.pathId(id, "channel"))
        .orElseThrow(() -> Pages.notFound("channel"));
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    o.forEach((k, v) -> out.put(k, v instanceof JsonString s ? s.getString() : null));
    return out;
  }

  static String view(Channel ch) {
    JsonObjectBuilder headers = Json.createObjectBuilder();
    ch.headers().keySet().stream().sorted().forEach(k -> headers.add(k, "***"));
    return Json.createObjectBuilder()
        .add("id", ch.id().toString())
        .add("project", ch.project())
        .add("name", ch.name())
        .add("type", ch.type())
        .add("url", ch.url())
        .add("headers", headers)
        .add("has_secret", ch.secret() != null)
        .add("created_at", ch.createdAt().toString())
        .add("updated_at", ch.updatedAt().toString())
        .build()
        .toString();
  }
}
