package dev.pulse.ingest.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourcePathsTest {

  @Path("/api/v1/events")
  public static class Events {
    @POST
    public void send() {}

    @POST
    @Path("/batch")
    public void batch() {}

    @GET
    public void list() {}

    @GET
    @Path("/{id}")
    public void one() {}
  }

  @Path("/api/v1/projects/{project}/rules")
  public static class Rules {
    @GET
    @Path("/{id}")
    public void get() {}

    @PUT
    @Path("/{id}")
    public void put() {}

    @DELETE
    @Path("{id}/")
    public void delete() {}

    @POST
    @Path("/{id: [a-z]+}/enable")
    public void enable() {}
  }

  private final ResourcePaths paths =
      ResourcePaths.of(List.of(Events.class, Rules.class, String.class));

  @Test
  void aLiteralPathIsSelectedBeforeATemplateThatAlsoMatches() {
    assertEquals(
        Optional.of(Set.of("POST", "OPTIONS")), paths.refusal("GET", "api/v1/events/batch"));
    assertEquals(Optional.empty(), paths.refusal("POST", "/api/v1/events/batch"));
    assertEquals(Optional.empty(), paths.refusal("GET", "/api/v1/events/0b6c"));
  }

  @Test
  void refusesWhatNoMethodOfTheSelectedPathAllows() {
    assertEquals(
        Optional.of(Set.of("GET", "HEAD", "OPTIONS", "POST")),
        paths.refusal("DELETE", "/api/v1/events/"));
    assertEquals(
        Optional.of(Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PUT")),
        paths.refusal("POST", "/api/v1/projects/p/rules/r1"));
  }

  @Test
  void headAndOptionsFollowGet() {
    assertEquals(Optional.empty(), paths.refusal("HEAD", "/api/v1/events/x"));
    assertEquals(Optional.empty(), paths.refusal("OPTIONS", "/api/v1/events/batch"));
  }

  @Test
  void templatesWithARegexMatchOnlyWhatItAllows() {
    assertEquals(Optional.empty(), paths.refusal("POST", "/api/v1/projects/p/rules/abc/enable"));
    assertEquals(Optional.empty(), paths.refusal("GET", "/api/v1/projects/p/rules/a1/enable"));
  }

  @Test
  void pathsNoTemplateSelectsAreLeftToJaxRs() {
    assertEquals(Optional.empty(), paths.refusal("GET", "/health"));
    assertEquals(Optional.empty(), paths.refusal("GET", "/api/v1/nothing/here"));
  }
}
