package dev.pulse.ingest.auth;

import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.ingest.warmup.Warmup;
import dev.pulse.worker.application.KnownAccounts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access answers, for the current request, who is calling and whether they may touch a project.
 * Users present an access token, which the container has already verified (MicroProfile JWT);
 * producers present an ingest key. A project the caller is not a member of is reported as not found
 * (404), never as forbidden, so ids of other tenants' projects cannot be probed. It holds no state
 * of its own (the request is CDI's per-request proxy), so one instance serves all.
 */
@ApplicationScoped
public class Access {

  /** Where ingested events go, and the key that sent them (null when sent with a user token). */
  public record Ingestor(String projectId, IngestKeys.Resolved key) {

    /** The start-up warm-up's requests: taken through the whole path, but never appended. */
    public static final Ingestor WARMUP = new Ingestor("pulse-warmup", null);

    public boolean isWarmup() {
      return this == WARMUP;
    }
  }

  static final String KEY_HEADER = "X-Pulse-Key";

  @Inject HttpServletRequest request;
  @Inject IngestKeys keys;
  @Inject Warmup warmup;
  @EJB ProjectRepository projects;
  @Inject KnownAccounts accounts;

  /** The signed-in user, or 401. */
  public UUID user() {
    Principal principal = request.getUserPrincipal();
    if (principal instanceof JsonWebToken token && token.getSubject() != null) {
      UUID user;
      try {
        user = UUID.fromString(token.getSubject());
      } catch (IllegalArgumentException notOurs) {
        // a token Pulse did not issue, though signed with its key: treat as no token
        user = null;
      }
      if (user != null && accounts.exists(user)) {
        return user;
      }
      if (user != null) {
        throw new ProblemException(
            Problem.unauthorized("the account of this token no longer exists"));
      }
    }
    throw new ProblemException(
        Problem.unauthorized(
            "send an access token as Authorization: Bearer <token> (POST /api/v1/auth/login returns one)"));
  }

  /** The signed-in user's role in the project; empty when not a member. */
  public Optional<Role> roleIn(String projectId) {
    UUID user = user();
    return AccountRules.checkSlug(projectId).isEmpty()
        ? projects.roleOf(projectId, user)
        : Optional.empty();
  }

  /**
   * The caller's role in the project if it includes {@code needed}; 404 for non-members, 403 below.
   */
  public Role require(String projectId, Role needed) {
    Role role =
        roleIn(projectId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound(
                            "no project " + AccountRules.quoted(projectId) + " among yours")));
    if (!role.includes(needed)) {
      throw new ProblemException(
          Problem.forbidden(
              "this needs the "
                  + needed.wireName()
                  + " role in project "
                  + projectId
                  + "; yours is "
                  + role.wireName()));
    }
    return role;
  }

  /**
   * Who sends events and to which project: an ingest key's own project, or, with a user token, the
   * {@code project} parameter, where the user must be at least a member.
   */
  public Ingestor ingestor(String projectParam, HttpServletResponse response) {
    String key = presentedKey();
    if (key != null && warmup.isWarmupKey(key)) {
      return Ingestor.WARMUP;
    }
    if (key != null) {
      IngestKeys.Resolved resolved =
          keys.resolve(key)
              .orElseThrow(
                  () ->
                      new ProblemException(
                          Problem.unauthorized("the ingest key is unknown or revoked")));
      if (projectParam != null
          && !projectParam.isBlank()
          && !projectParam.equals(resolved.projectId())) {
        throw new ProblemException(
            Problem.forbidden(
                "this key sends to project "
                    + resolved.projectId()
                    + " only; drop the project parameter or use that project's key"));
      }
      return new Ingestor(resolved.projectId(), resolved);
    }
    if (bearer() != null) {
      authenticateToken(response);
    }
    if (request.getUserPrincipal() == null) {
      throw new ProblemException(
          Problem.unauthorized(
              "send an ingest key as X-Pulse-Key: <key> or Authorization: Bearer <key> "
                  + "(or a member's access token with ?project=<id>)"));
    }
    if (projectParam == null || projectParam.isBlank()) {
      throw new ProblemException(
          Problem.invalidParameter(
              "project",
              "with a user token, name the project: ?project=<id> (or send an ingest key instead)"));
    }
    require(projectParam, Role.MEMBER);
    return new Ingestor(projectParam, null);
  }

  /**
   * Ingestion URLs are not container-protected (keys are Pulse's own), so a user token sent there
   * is verified on demand: {@link HttpServletRequest#authenticate} runs the same MP-JWT check.
   */
  private void authenticateToken(HttpServletResponse response) {
    try {
      if (request.getUserPrincipal() == null && !request.authenticate(response)) {
        throw new ProblemException(Problem.unauthorized("the access token is invalid or expired"));
      }
    } catch (IOException | ServletException e) {
      throw new ProblemException(Problem.unauthorized("the access token is invalid or expired"));
    }
  }

  /** An ingest key from X-Pulse-Key, or from Authorization: Bearer when it is not a JWT. */
  private String presentedKey() {
    String header = request.getHeader(KEY_HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    String bearer = bearer();
    return bearer != null && !looksLikeJwt(bearer) ? bearer : null;
  }

  private String bearer() {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String value = header.substring(7).trim();
    return value.isEmpty() ? null : value;
  }

  /** Three dot-separated parts: a JWS. Ingest keys never contain a dot. */
  static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    return second > 0 && token.indexOf('.', second + 1) < 0;
  }
}
