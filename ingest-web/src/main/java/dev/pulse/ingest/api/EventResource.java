package dev.pulse.ingest.api;

import dev.pulse.domain.event.EventCursor;
import dev.pulse.domain.event.EventQuery;
import dev.pulse.domain.event.EventRepository;
import dev.pulse.domain.event.EventRules;
import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.intake.EventParser;
import dev.pulse.ingest.intake.ParsedEvent;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** EventResource is {@code /api/v1/events}: send one event or a batch, list and fetch events. */
@Path("/api/v1/events")
@ApplicationScoped
@Tag(name = "events")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Malformed JSON or invalid fields",
    ref = ApiResponses.BAD_REQUEST)
public class EventResource {

  @Inject Intake intake;
  @Inject Access access;
  @EJB EventRepository events;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "sendEvent",
      summary = "Send one event",
      description = "Answers 202 once the event is durably in the event stream.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = EventInput.class)))
  @APIResponse(
      responseCode = "202",
      description = "Accepted",
      content = @Content(schema = @Schema(implementation = Accepted.One.class)))
  @APIResponse(responseCode = "413", description = "Body over 1 MiB", ref = ApiResponses.TOO_LARGE)
  @APIResponse(
      responseCode = "415",
      description = "Body is not application/json",
      ref = ApiResponses.UNSUPPORTED)
  @APIResponse(
      responseCode = "503",
      description =
          "Redis unreachable, backlog over PULSE_MAX_BACKLOG, or shutting down; retry after Retry-After seconds",
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
  public CompletionStage<Response> send(
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
                parser, (p, now) -> EventParser.read(p, sender.projectId(), now), "Invalid event"),
        accepted -> new Accepted.One(accepted.get(0).id()).json());
  }

  @POST
  @Path("/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "sendEvents",
      summary = "Send 1-1000 events, all or nothing",
      description =
          "One invalid item rejects the whole batch (400 listing every error with its index); otherwise all are enqueued in one round trip.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      minItems = 1,
                      maxItems = 1000,
                      implementation = EventInput.class)))
  @APIResponse(
      responseCode = "202",
      description = "Accepted",
      content = @Content(schema = @Schema(implementation = Accepted.Batch.class)))
  @APIResponse(responseCode = "413", description = "Body over 1 MiB", ref = ApiResponses.TOO_LARGE)
  @APIResponse(
      responseCode = "415",
      description = "Body is not application/json",
      ref = ApiResponses.UNSUPPORTED)
  @APIResponse(
      responseCode = "503",
      description = "Redis unreachable, backlog over PULSE_MAX_BACKLOG, or shutting down",
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
  public CompletionStage<Response> sendBatch(
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
        parser -> parseBatch(parser, sender.projectId()),
        accepted ->
            new Accepted.Batch(accepted.size(), accepted.stream().map(ParsedEvent::id).toList())
                .json());
  }

  /**
   * Streams a batch body into events: all valid, or a 400 listing every error with its index. Each
   * event is read straight from the parser, without building a tree for it.
   */
  static List<ParsedEvent> parseBatch(JsonParser parser, String project) {
    if (parser.next() != JsonParser.Event.START_ARRAY) {
      throw new ProblemException(
          Problem.invalid(
              "Invalid batch",
              List.of(new Problem.Violation(null, "$", "a batch must be a JSON array of events"))));
    }
    return Intake.batch(
        parser, (p, now) -> EventParser.read(p, project, now), EventRules.MAX_BATCH_SIZE, "event");
  }

  @GET
  @Operation(
      operationId = "listEvents",
      summary = "List events, newest first",
      description = "Keyset pagination: pass next_cursor back as cursor.")
  @APIResponse(
      responseCode = "200",
      description = "A page of events",
      content = @Content(schema = @Schema(implementation = EventView.Page.class)))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unreachable; retry after Retry-After seconds",
      ref = ApiResponses.UNAVAILABLE)
  @APIResponse(
      responseCode = "401",
      description = "No valid access token",
      ref = ApiResponses.UNAUTHORIZED)
  @SecurityRequirement(name = "accessToken")
  @APIResponse(
      responseCode = "404",
      description = "No such project among yours",
      ref = ApiResponses.NOT_FOUND)
  public EventView.Page list(
      @Parameter(
              description = "the project to list (required); you must be a member",
              required = true)
          @QueryParam("project")
          String project,
      @Parameter(description = "exact type") @QueryParam("type") String type,
      @Parameter(description = "exact source") @QueryParam("source") String source,
      @Parameter(
              description = "RFC 3339, inclusive",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "RFC 3339, exclusive",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("to")
          String to,
      @Parameter(
              description = "1-1000, default 100",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor")
          String cursor) {
    if (QueryParams.blankToNull(project) == null) {
      access.user(); // 401 before 400 when there is no token at all
      throw new ProblemException(
          Problem.invalidParameter(
              "project", "project is required: GET /api/v1/events?project=<id>"));
    }
    access.require(project, Role.VIEWER);
    EventQuery query =
        new EventQuery(
            project,
            token("type", type, EventRules::checkType),
            token("source", source, EventRules::checkSource),
            QueryParams.instant("from", from),
            QueryParams.instant("to", to),
            limit(limit),
            cursor(cursor));
    List<dev.pulse.domain.event.Event> found = events.search(query, query.limit() + 1);
    boolean more = found.size() > query.limit();
    List<dev.pulse.domain.event.Event> page = more ? found.subList(0, query.limit()) : found;
    String next = more ? EventCursor.after(page.get(page.size() - 1)).encode() : null;
    return new EventView.Page(page.stream().map(EventView::of).toList(), next);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getEvent", summary = "Fetch one stored event")
  @APIResponse(
      responseCode = "200",
      description = "The event",
      content = @Content(schema = @Schema(implementation = EventView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such event (or not stored yet)",
      ref = ApiResponses.NOT_FOUND)
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unreachable; retry after Retry-After seconds",
      ref = ApiResponses.UNAVAILABLE)
  @APIResponse(
      responseCode = "401",
      description = "No valid access token",
      ref = ApiResponses.UNAUTHORIZED)
  @SecurityRequirement(name = "accessToken")
  public EventView get(@PathParam("id") String id) {
    access.user();
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.invalidParameter("id", "id must be a UUID"));
    }
    // Any project's event, shown only to its members: to others it does not exist.
    return events.findAll(uuid).stream()
        .filter(event -> access.roleIn(event.getProject()).isPresent())
        .findFirst()
        .map(EventView::of)
        .orElseThrow(() -> new ProblemException(Problem.notFound("no event with id " + uuid)));
  }

  /**
   * A type or source filter: what could never match is a 400, not an empty page (or a driver
   * error).
   */
  private static String token(
      String field, String value, java.util.function.Function<String, List<FieldError>> rule) {
    String given = QueryParams.blankToNull(value);
    List<FieldError> broken = given == null ? List.of() : rule.apply(given);
    if (!broken.isEmpty()) {
      throw new ProblemException(Problem.invalidParameter(field, broken.get(0).message()));
    }
    return given;
  }

  private static int limit(String value) {
    if (QueryParams.blankToNull(value) == null) {
      return EventRules.DEFAULT_PAGE_SIZE;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= EventRules.MAX_PAGE_SIZE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ProblemException(
        Problem.invalidParameter(
            "limit", "limit must be an integer from 1 to " + EventRules.MAX_PAGE_SIZE));
  }

  private static EventCursor cursor(String value) {
    if (QueryParams.blankToNull(value) == null) {
      return null;
    }
    try {
      return EventCursor.decode(value);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.invalidParameter("cursor", "cursor is not a cursor Pulse returned"));
    }
  }
}
