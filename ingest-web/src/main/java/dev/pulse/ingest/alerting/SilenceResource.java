package dev.pulse.ingest.alerting;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.silence.MatcherInput;
import dev.pulse.domain.silence.Recurrence;
import dev.pulse.domain.silence.Silence;
import dev.pulse.domain.silence.SilenceRules;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.account.Checks;
import dev.pulse.ingest.auth.Access;
import dev.pulse.worker.application.SilenceService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SilenceResource is {@code /api/v1/projects/{project}/silences}: label matchers and a time window
 * (optionally recurring weekly in a time zone) that mute notifications. Members write; a change
 * reaches every node's silence set at once.
 */
@Path("/api/v1/projects/{project}/silences")
@RequestScoped
@Tag(name = "alerting")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
public class SilenceResource {

  private static final Set<String> STATES = Set.of("active", "pending", "expired");

  @Inject Access access;
  @Inject SilenceService silences;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createSilence", summary = "Create a silence (member)")
  @APIResponse(responseCode = "201", ref = ApiResponses.SILENCE)
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public Response create(
      @PathParam("project") String project,
      @RequestBody(
              required = true,
              content =
                  @Content(schema = @Schema(implementation = SilenceViews.SilenceInput.class)))
          JsonObject body) {
    access.require(project, Role.MEMBER);
    Checks.present(body);
    Instant now = Instant.now();
    List<MatcherInput> matchers = new ArrayList<>();
    if (body.get("matchers") instanceof JsonArray a) {
      a.forEach(
          v -> {
            JsonObject m = v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            matchers.add(new MatcherInput(text(m, "label"), text(m, "op"), text(m, "value")));
          });
    }
    List<FieldError> errors = new ArrayList<>();
    Instant starts = time(body, "starts_at", errors);
    Instant ends = time(body, "ends_at", errors);
    if (errors.isEmpty()) {
      errors.addAll(SilenceRules.check(matchers, starts, ends, text(body, "comment"), now));
    }
    Recurrence recurrence = null;
    if (body.get("recurrence") instanceof JsonObject r) {
      List<String> days = new ArrayList<>();
      if (r.get("days") instanceof JsonArray d) {
        d.forEach(x -> days.add(x instanceof JsonString s ? s.getString() : x.toString()));
      }
      recurrence =
          Recurrence.parse(days, text(r, "from"), text(r, "to"), text(r, "timezone"), errors)
              .orElse(null);
    }
    Checks.validate("Invalid silence", errors);
    Silence silence =
        new Silence(
            UUID.randomUUID(),
            project,
            matchers.stream().map(MatcherInput::toMatcher).toList(),
            starts,
            ends,
            text(body, "comment"),
            access.user().toString(),
            recurrence,
            now);
    silences.create(silence);
    return Response.created(URI.create("/api/v1/projects/" + project + "/silences/" + silence.id()))
        .entity(SilenceViews.SilenceView.of(silence, now))
        .build();
  }

  @GET
  @Operation(operationId = "listSilences", summary = "Silences, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The project's silences",
      content = @Content(schema = @Schema(implementation = SilenceViews.SilencePage.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  public SilenceViews.SilencePage list(
      @PathParam("project") String project,
      @Parameter(
              description = "by starts_at and ends_at, not by recurrence (see muting_now)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"active", "pending", "expired"}))
          @QueryParam("state")
          String state) {
    access.require(project, Role.VIEWER);
    Pages.oneOf(state, "state", STATES);
    Instant now = Instant.now();
    return new SilenceViews.SilencePage(
        silences.list(project).stream()
            .filter(s -> state == null || SilenceViews.state(s, now).equals(state))
            .map(s -> SilenceViews.SilenceView.of(s, now))
            .toList(),
        null);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getSilence", summary = "One silence")
  @APIResponse(responseCode = "200", ref = ApiResponses.SILENCE)
  public SilenceViews.SilenceView get(
      @PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.VIEWER);
    return SilenceViews.SilenceView.of(find(project, id), Instant.now());
  }

  @DELETE
  @Path("/{id}")
  @Operation(operationId = "expireSilence", summary = "Expire a silence now (member)")
  @APIResponse(responseCode = "204", description = "Expired")
  public Response expire(@PathParam("project") String project, @PathParam("id") String id) {
    access.require(project, Role.MEMBER);
    silences.expire(project, find(project, id).id());
    return Response.noContent().build();
  }

  private Silence find(String project, String id) {
    return silences
        .find(project, Pages.pathId(id, "silence"))
        .orElseThrow(() -> Pages.notFound("silence"));
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }

  private static Instant time(JsonObject o, String key, List<FieldError> errors) {
    String t = text(o, key);
    if (t == null) {
      errors.add(new FieldError(key, key + " is required (RFC 3339)"));
      return null;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (RuntimeException e) {
      errors.add(new FieldError(key, key + " must be an RFC 3339 date-time"));
      return null;
    }
  }
}
