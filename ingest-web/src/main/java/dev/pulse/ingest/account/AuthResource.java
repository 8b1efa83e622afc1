package dev.pulse.ingest.account;

import dev.pulse.domain.tenancy.AccountRepository;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.RefreshToken;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.domain.tenancy.User;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.IngestConfig;
import dev.pulse.ingest.IngestMetrics;
import dev.pulse.ingest.auth.AccessTokens;
import dev.pulse.ingest.auth.LoginThrottle;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.application.Passwords;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * AuthResource is {@code /api/v1/auth}: register, log in, rotate a refresh token, log out. These
 * endpoints take no token (they hand them out), so the container leaves them unprotected.
 */
@Path("/api/v1/auth")
@RequestScoped
@Tag(name = "auth")
@SecurityRequirements
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
public class AuthResource {

  @EJB AccountRepository accounts;
  @Inject Passwords passwords;
  @Inject AccessTokens tokens;
  @Inject LoginThrottle throttle;
  @Inject IngestMetrics metrics;
  @Inject IngestConfig config;
  @Context HttpServletRequest request;

  @POST
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "register",
      summary = "Create an account",
      description = "Passwords are at least 12 characters and stored as PBKDF2 hashes.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = Views.UserView.class)))
  @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
  @APIResponse(responseCode = "429", ref = ApiResponses.RATE_LIMITED)
  public Response register(@Valid Requests.Register body) {
    Checks.present(body);
    String email = AccountRules.normalizeEmail(body.email());
    Checks.validate(
        "Invalid registration",
        AccountRules.checkEmail(email),
        AccountRules.checkPassword("password", body.password()),
        AccountRules.checkName("name", body.name(), AccountRules.MAX_NAME_LENGTH, false));
    throttle.registration(request.getRemoteAddr());
    User user =
        new User(
            UUID.randomUUID(), email, body.name(), passwords.hash(body.password()), Instant.now());
    if (!accounts.register(user)) {
      throw new ProblemException(Problem.conflict("an account with this email exists"));
    }
    return Response.created(URI.create("/api/v1/users/me")).entity(Views.UserView.of(user)).build();
  }

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "login",
      summary = "Log in",
      description = "Rate-limited per account and per client address (429 with Retry-After).")
  @APIResponse(
      responseCode = "200",
      description = "Tokens",
      content = @Content(schema = @Schema(implementation = Views.Tokens.class)))
  @APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
  @APIResponse(responseCode = "429", ref = ApiResponses.RATE_LIMITED)
  public Views.Tokens login(@Valid Requests.Login body) {
    Checks.present(body);
    String email = AccountRules.normalizeEmail(body.email());
    try {
      throttle.attempt(request.getRemoteAddr(), email);
    } catch (ProblemException throttled) {
      metrics.login("throttled");
      throw throttled;
    }
    Optional<User> user = accounts.findByEmail(email);
    boolean valid =
        user.isPresent()
            ? passwords.verify(body.password(), user.get().getPasswordHash())
            : decoy(body.password());
    if (!valid) {
      metrics.login("failure");
      throw new ProblemException(Problem.unauthorized("wrong email or password"));
    }
    metrics.login("success");
    return issue(user.get(), UUID.randomUUID());
  }

  private boolean decoy(String password) {
    passwords.verifyDecoy(password);
    return false;
  }

  @POST
  @Path("/refresh")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "refreshTokens",
      summary = "Trade a refresh token for a new pair",
      description =
          "Each refresh token works once. Presenting one a second time revokes every token "
              + "descended from the same login.")
  @APIResponse(
      responseCode = "200",
      description = "A new pair",
      content = @Content(schema = @Schema(implementation = Views.Tokens.class)))
  @APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
  public Views.Tokens refresh(@Valid Requests.Refresh body) {
    String presented = Checks.present(body).refreshToken();
    Instant now = Instant.now();
    String next = Secrets.newRefreshToken();
    AccountRepository.Rotated rotated =
        accounts.rotate(
            Secrets.digest(presented),
            now,
            old ->
                new RefreshToken(
                    UUID.randomUUID(),
                    old.getFamilyId(),
                    old.getUserId(),
                    Secrets.digest(next),
                    now,
                    now.plus(config.refreshTokenLifetime())));
    return switch (rotated.outcome()) {
      case ROTATED ->
          new Views.Tokens(
              tokens.issue(rotated.user()), next, "Bearer", tokens.lifetime().toSeconds());
      case REUSED ->
          throw new ProblemException(
              Problem.unauthorized(
                  "this refresh token was already used; every token of its login is now revoked, "
                      + "log in again"));
      case EXPIRED ->
          throw new ProblemException(
              Problem.unauthorized("the refresh token has expired; log in again"));
      default ->
          throw new ProblemException(
              Problem.unauthorized("the refresh token is unknown or revoked"));
    };
  }

  @POST
  @Path("/logout")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "logout",
      summary = "Log out",
      description =
          "Revokes the refresh token and every token of its login. Access tokens expire on their "
              + "own (expires_in).")
  @APIResponse(responseCode = "204", description = "Logged out (also when the token was unknown)")
  public Response logout(@Valid Requests.Refresh body) {
    accounts.revokeFamilyOf(Secrets.digest(Checks.present(body).refreshToken()), Instant.now());
    return Response.noContent().build();
  }

  @GET
  @Path("/jwks")
  @Operation(
      operationId = "getJwks",
      summary = "The public key access tokens are signed with, as a JWK Set")
  @APIResponse(
      responseCode = "200",
      description = "JWK Set",
      content =
          @Content(
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
  public String jwks() {
    return tokens.jwks();
  }

  private Views.Tokens issue(User user, UUID family) {
    Instant now = Instant.now();
    String refresh = Secrets.newRefreshToken();
    accounts.saveRefreshToken(
        new RefreshToken(
            UUID.randomUUID(),
            family,
            user.getId(),
            Secrets.digest(refresh),
            now,
            now.plus(config.refreshTokenLifetime())));
    return new Views.Tokens(tokens.issue(user), refresh, "Bearer", tokens.lifetime().toSeconds());
  }
}
