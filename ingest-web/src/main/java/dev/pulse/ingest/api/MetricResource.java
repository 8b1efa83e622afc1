package dev.pulse.ingest.api;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.metric.LatestValues;
import dev.pulse.domain.metric.MetricAggregation;
import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.domain.metric.MetricRules;
import dev.pulse.domain.metric.MetricSummary;
import dev.pulse.domain.metric.Step;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.intake.ParsedEvent;
import dev.pulse.ingest.intake.SampleParser;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.application.MetricQueries;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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

/**
 * MetricResource is {@code /api/v1/metrics}: send samples; read series, single samples, aggregates,
 * latest values and names. Reads need a member's token (viewer or above); another project's data
 * does not exist (404).
 */
@Path("/api/v1/metrics")
@ApplicationScoped
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Malformed JSON, invalid fields or parameters",
    ref = ApiResponses.BAD_REQUEST)
@APIResponse(
    responseCode = "401",
    description = "No valid ingest key or access token",
    ref = ApiResponses.UNAUTHORIZED)
@APIResponse(
    responseCode = "503",
    description = "Redis or PostgreSQL unreachable, or backlog over PULSE_MAX_BACKLOG",
    ref = ApiResponses.UNAVAILABLE)
public class MetricResource {

  @Inject Intake intake;
  @Inject Access access;
  @Inject LatestValues latest;
  @EJB MetricRepository store;
  @Inject MetricQueries metrics;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "sendMetrics",
      summary = "Send one sample or a batch of 1-1000, all or nothing",
      description =
          "Answers 202 once the samples are durably in the stream. Samples count against the key's quota like events.")
  @RequestBody(
      required = true,
      description =
          "an array of 1-1000 samples; a single sample object (not in an array) is accepted too",
      content =
          @Content(
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      minItems = 1,
                      maxItems = 1000,
                      implementation = MetricInput.Sample.class)))
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
      responseCode = "403",
      description = "A viewer's token, or a key of another project",
      ref = ApiResponses.FORBIDDEN)
  @APIResponse(
      responseCode = "429",
      description = "The key's quota is used up; retry after Retry-After seconds",
      ref = ApiResponses.RATE_LIMITED)
  @SecurityRequirement(name = "ingestKey")
  @SecurityRequirement(name = "accessToken")
  public CompletionStage<Response> send(
      @Parameter(description = "the project, when sending with a user token") @QueryParam("project")
          String project,
      @Context HttpServletResponse response,
      InputStream body) {
    Access.Ingestor sender = access.ingestor(project, response);
    return intake.accept(
        EventLog.Kind.SAMPLE,
        sender,
        body,
        parser -> parseSamples(parser, sender.projectId()),
        accepted ->
            new Accepted.Batch(accepted.size(), accepted.stream().map(ParsedEvent::id).toList())
                .json());
  }

  static List<ParsedEvent> parseSamples(JsonParser parser, String project) {
    JsonParser.Event first = parser.next();
    if (first == JsonParser.Event.START_OBJECT) {
      return List.of(
          Intake.one(SampleParser.read(parser, project, Instant.now()), "Invalid sample"));
    }
    if (first != JsonParser.Event.START_ARRAY) {
      throw new ProblemException(
          Problem.invalid(
              "Invalid sample",
              List.of(
                  new Problem.Violation(
                      null, "$", "the body must be a sample object or an array of samples"))));
    }
    return Intake.batch(
        parser,
        (p, now) -> SampleParser.read(p, project, now),
        MetricRules.MAX_BATCH_SIZE,
        "sample");
  }

  @GET
  @Operation(
      operationId = "queryMetrics",
      summary = "Read the series of a metric over a range",
      description =
          "Raw samples or rollup buckets per series. Filter series by tags with tag.<key>=<value> (repeatable). Without step, the finest step giving at most 1000 points per series is used. More than 10,000 points in all is a 400.")
  @APIResponse(
      responseCode = "200",
      description = "The matching series",
      content = @Content(schema = @Schema(implementation = MetricViews.Range.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project among yours",
      ref = ApiResponses.NOT_FOUND)
  @SecurityRequirement(name = "accessToken")
  public MetricViews.Range query(
      @Parameter(required = true) @QueryParam("project") String project,
      @Parameter(required = true, description = "the metric name") @QueryParam("name") String name,
      @Parameter(schema = @Schema(enumeration = {"raw", "1m", "5m", "1h"})) @QueryParam("step")
          String step,
      @Parameter(description = "RFC 3339, inclusive; default: an hour before to")
          @QueryParam("from")
          String from,
      @Parameter(description = "RFC 3339, exclusive; default: now") @QueryParam("to") String to,
      @Context UriInfo uri) {
    Read read = read(project, name, from, to, uri);
    Step asked =
        QueryParams.blankToNull(step) == null
            ? null
            : Step.parse(step)
                .orElseThrow(
                    () ->
                        new ProblemException(
                            Problem.invalidParameter("step", "step must be raw, 1m, 5m or 1h")));
    MetricQueries.Range range;
    try {
      range = metrics.range(read.project, read.name, read.tags, asked, read.from, read.to);
    } catch (MetricQueries.TooManyPoints e) {
      throw new ProblemException(Problem.invalidParameter("step", e.getMessage()));
    }
    List<MetricViews.SeriesView> views = new ArrayList<>(range.series().size());
    for (MetricQueries.SeriesPoints s : range.series()) {
      List<Object> points = new ArrayList<>();
      s.raw().forEach(p -> points.add(new MetricViews.RawPoint(p.t(), p.value())));
      s.buckets().forEach(b -> points.add(MetricViews.BucketPoint.of(b.start(), b.summary())));
      views.add(new MetricViews.SeriesView(s.series().name(), s.series().tags(), points));
    }
    return new MetricViews.Range(range.step().label(), views);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getMetricSample", summary = "Fetch one raw sample while it is retained")
  @APIResponse(
      responseCode = "200",
      description = "The sample",
      content = @Content(schema = @Schema(implementation = MetricViews.SampleView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such sample (or not stored yet, or past raw retention)",
      ref = ApiResponses.NOT_FOUND)
  @SecurityRequirement(name = "accessToken")
  public MetricViews.SampleView get(
      @PathParam("id") String id,
      @Parameter(required = true) @QueryParam("project") String project) {
    access.user();
    access.require(
        QueryParams.project(project, "GET /api/v1/metrics/{id}?project=<id>"), Role.VIEWER);
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.invalidParameter("id", "id must be a UUID"));
    }
    return store
        .findSample(project, uuid)
        .map(MetricViews.SampleView::of)
        .orElseThrow(() -> new ProblemException(Problem.notFound("no sample with id " + uuid)));
  }

  @GET
  @Path("/aggregate/{name}")
  @Operation(
      operationId = "aggregateMetric",
      summary = "Count, sum, min, max, avg and quantiles over a range",
      description =
          "Over the series of the metric having every tag.<key>=<value> given. Answered from rollups where whole buckets fit and from raw samples at the edges: count, sum, min, max and avg are exact, p50/p95/p99 within 1 %.")
  @APIResponse(
      responseCode = "200",
      description = "The figures, per group with group_by",
      content =
          @Content(
              schema = @Schema(oneOf = {MetricViews.Aggregate.class, MetricViews.Grouped.class})))
  @APIResponse(
      responseCode = "404",
      description = "No such project among yours",
      ref = ApiResponses.NOT_FOUND)
  @SecurityRequirement(name = "accessToken")
  public Object aggregate(
      @PathParam("name") String name,
      @Parameter(required = true) @QueryParam("project") String project,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @Parameter(description = "a tag key: one set of figures per value of that tag")
          @QueryParam("group_by")
          String groupBy,
      @Context UriInfo uri) {
    Read read = read(project, name, from, to, uri);
    String group = QueryParams.blankToNull(groupBy);
    if (group != null) {
      List<FieldError> broken = dev.pulse.domain.event.EventRules.checkTags(Map.of(group, ""));
      if (!broken.isEmpty()) {
        throw new ProblemException(Problem.invalidParameter("group_by", broken.get(0).message()));
      }
    }
    List<MetricRepository.Series> series =
        store.findSeries(read.project, read.name, read.tags, MetricRules.MAX_POINTS);
    Map<Long, MetricSummary> perSeries =
        MetricAggregation.bySeries(
            store, series.stream().map(MetricRepository.Series::id).toList(), read.from, read.to);
    if (group == null) {
      MetricSummary all = new MetricSummary();
      perSeries.values().forEach(all::merge);
      return MetricViews.Aggregate.of(
          read.name, read.from, read.to, MetricViews.Figures.of(null, all));
    }
    Map<String, MetricSummary> groups =
        new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    for (MetricRepository.Series s : series) {
      MetricSummary summary = perSeries.get(s.id());
      if (summary != null) {
        groups.computeIfAbsent(s.tags().get(group), k -> new MetricSummary()).merge(summary);
      }
    }
    List<MetricViews.Figures> figures = new ArrayList<>(groups.size());
    groups.forEach((key, summary) -> figures.add(MetricViews.Figures.of(key, summary)));
    return new MetricViews.Grouped(read.name, read.from, read.to, figures);
  }

  @GET
  @Path("/latest/{name}")
  @Operation(
      operationId = "latestMetric",
      summary = "The latest value of each series of a metric",
      description =
          "Served from Redis; tag.<key>=<value> (repeatable) filters the series. An unknown name is an empty list.")
  @APIResponse(
      responseCode = "200",
      description = "Latest values",
      content = @Content(schema = @Schema(implementation = MetricViews.LatestList.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project among yours",
      ref = ApiResponses.NOT_FOUND)
  @SecurityRequirement(name = "accessToken")
  public MetricViews.LatestList latest(
      @PathParam("name") String name,
      @Parameter(required = true) @QueryParam("project") String project,
      @Context UriInfo uri) {
    access.user();
    String p = QueryParams.project(project, "GET /api/v1/metrics/latest/{name}?project=<id>");
    checkName("name", name);
    Map<String, String> tags = QueryParams.tags(uri.getQueryParameters());
    access.require(p, Role.VIEWER);
    List<MetricViews.Latest> found = new ArrayList<>();
    for (LatestValues.Latest l : latest.find(p, name)) {
      if (l.tags().entrySet().containsAll(tags.entrySet())) {
        found.add(new MetricViews.Latest(l.name(), l.tags(), l.value(), l.timestamp()));
      }
    }
    found.sort(Comparator.comparing(l -> l.tags().toString()));
    return new MetricViews.LatestList(found);
  }

  @GET
  @Path("/names")
  @Operation(
      operationId = "listMetricNames",
      summary = "Metric names of a project and the tag keys seen on each")
  @APIResponse(
      responseCode = "200",
      description = "Names, alphabetically, at most 1000",
      content = @Content(schema = @Schema(implementation = MetricViews.Names.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such project among yours",
      ref = ApiResponses.NOT_FOUND)
  @SecurityRequirement(name = "accessToken")
  public MetricViews.Names names(
      @Parameter(required = true) @QueryParam("project") String project,
      @Parameter(
              description = "only names starting with this",
              schema = @Schema(type = SchemaType.STRING, maxLength = 200))
          @QueryParam("prefix")
          String prefix) {
    access.user();
    String p = QueryParams.project(project, "GET /api/v1/metrics/names?project=<id>");
    if (prefix != null && prefix.length() > MetricRules.MAX_NAME_LENGTH) {
      throw new ProblemException(
          Problem.invalidParameter("prefix", "prefix is at most 200 characters"));
    }
    access.require(p, Role.VIEWER);
    return new MetricViews.Names(
        store.names(p, Objects.requireNonNullElse(prefix, ""), 1000).stream()
            .map(n -> new MetricViews.NameView(n.name(), n.tagKeys()))
            .toList());
  }

  /** The common parameters of a range read, checked in order, then the caller's membership. */
  private record Read(
      String project, String name, Instant from, Instant to, Map<String, String> tags) {}

  private Read read(String project, String name, String from, String to, UriInfo uri) {
    access.user(); // 401 before any 400
    String p = QueryParams.project(project, "GET /api/v1/metrics?project=<id>&name=<metric>");
    checkName("name", name);
    Instant end = QueryParams.instant("to", to);
    Instant start = QueryParams.instant("from", from);
    if (end == null) {
      end = Instant.now();
    }
    if (start == null) {
      start = end.minus(MetricRules.DEFAULT_RANGE);
    }
    if (!start.isBefore(end)) {
      throw new ProblemException(Problem.invalidParameter("from", "from must be before to"));
    }
    Map<String, String> tags = new LinkedHashMap<>(QueryParams.tags(uri.getQueryParameters()));
    access.require(p, Role.VIEWER);
    return new Read(p, name, start, end, tags);
  }

  private static void checkName(String parameter, String name) {
    List<FieldError> broken = MetricRules.checkName(name);
    if (!broken.isEmpty()) {
      throw new ProblemException(Problem.invalidParameter(parameter, broken.get(0).message()));
    }
  }
}
