package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.RefreshToken;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.domain.tenancy.User;
import dev.pulse.ingest.IngestMetrics;
import dev.pulse.ingest.auth.AccessTokens;
import dev.pulse.ingest.auth.LoginThrottle;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.tenancy.JpaAccountRepository;
import dev.pulse.worker.tenancy.Passwords;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
@APIResponse(
    responseCode = "400",
    description = "Malformed JSON or invalid fields",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuthResource {

  @EJB JpaAccountRepository accounts;
  @Inject Passwords passwords;
  @Inject AccessTokens tokens;
  @Inject LoginThrottle throttle;
  @Inject IngestMetrics metrics;
  @Context HttpServletRequest request;

  @Inject
  @ConfigProperty(name = "pulse.auth.refresh-token-days")
  long refreshDays;

  @POST
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an account",
      description = "Passwords are at least 12 characters and stored as PBKDF2 hashes.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "register",
                      value =
                          "{\"email\": \"ada@example.com\", \"password\": \"<at least 12 characters>\", \"name\": \"Ada\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = Views.UserView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The email is taken",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "429",
      description = "Too many attempts from this address",
      headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response register(InputStream body) {
    JsonBody json = JsonBody.read(body);
    String email = AccountRules.normalizeEmail(json.string("email"));
    String password = json.string("password");
    String name = json.string("name");
    json.check(AccountRules.checkEmail(email))
        .check(AccountRules.checkPassword("password", password))
        .check(AccountRules.checkName("name", name, AccountRules.MAX_NAME_LENGTH, false))
        .validate("Invalid registration");
    throttle.registration(request.getRemoteAddr());
    User user = new User(UUID.randomUUID(), email, name, passwords.hash(password), Instant.now());
    if (!accounts.register(user)) {
      throw new ProblemException(Problem.conflict("an account with this email exists"));
    }
    return Response.created(URI.create("/api/v1/users/me")).entity(Views.UserView.of(user)).build();
  }

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Log in",
      description = "Rate-limited per account and per client address (429 with Retry-After).")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "login",
                      value = "{\"email\": \"ada@example.com\", \"password\": \"<password>\"}")))
  @APIResponse(
      responseCode = "200",
      description = "Tokens",
      content = @Content(schema = @Schema(implementation = Views.Tokens.class)))
  @APIResponse(
      responseCode = "401",
      description = "Wrong email or password",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "429",
      description = "Too many attempts",
      headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Views.Tokens login(InputStream body) {
    JsonBody json = JsonBody.read(body);
    String email = AccountRules.normalizeEmail(json.string("email"));
    String password = json.string("password");
    if (email == null || email.isEmpty()) {
      json.check(List.of(new FieldError("email", "email is required")));
    }
    if (password == null) {
      json.check(List.of(new FieldError("password", "password is required")));
    }
    json.validate("Invalid login");
    try {
      throttle.attempt(request.getRemoteAddr(), email);
    } catch (ProblemException throttled) {
      metrics.login("throttled");
      throw throttled;
    }
    Optional<User> user = accounts.findByEmail(email);
    boolean valid =
        user.isPresent()
            ? passwords.verify(password, user.get().getPasswordHash())
            : decoy(password);
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
      summary = "Trade a refresh token for a new pair",
      description =
          "Each refresh token works once. Presenting one a second time revokes every token descended from the same login.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "refresh",
                      value = "{\"refresh_token\": \"<refresh token>\"}")))
  @APIResponse(
      responseCode = "200",
      description = "A new pair",
      content = @Content(schema = @Schema(implementation = Views.Tokens.class)))
  @APIResponse(
      responseCode = "401",
      description = "Unknown, expired, revoked or reused token",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Views.Tokens refresh(InputStream body) {
    String presented = refreshToken(body);
    Instant now = Instant.now();
    String next = Secrets.newRefreshToken();
    JpaAccountRepository.Rotated rotated =
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
                    now.plus(Duration.ofDays(refreshDays))));
    return switch (rotated.outcome()) {
      case ROTATED ->
          new Views.Tokens(
              tokens.issue(rotated.user()), next, "Bearer", tokens.lifetime().toSeconds());
      case REUSED ->
          throw new ProblemException(
              Problem.unauthorized(
                  "this refresh token was already used; every token of its login is now revoked, log in again"));
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
      summary = "Log out",
      description =
          "Revokes the refresh token and every token of its login. Access tokens expire on their own (expires_in).")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "logout",
                      value = "{\"refresh_token\": \"<refresh token>\"}")))
  @APIResponse(responseCode = "204", description = "Logged out (also when the token was unknown)")
  public Response logout(InputStream body) {
    accounts.revokeFamilyOf(Secrets.digest(refreshToken(body)), Instant.now());
    return Response.noContent().build();
  }

  @GET
  @Path("/jwks")
  @Operation(summary = "The public key access tokens are signed with, as a JWK Set")
  @APIResponse(responseCode = "200", description = "JWK Set")
  public String jwks() {
    return tokens.jwks();
  }

  private static String refreshToken(InputStream body) {
    JsonBody json = JsonBody.read(body);
    String token = json.string("refresh_token");
    if (token == null || token.isEmpty() || token.length() > 200) {
      json.check(List.of(new FieldError("refresh_token", "refresh_token is required")));
    }
    json.validate("Invalid request");
    return token;
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
            now.plus(Duration.ofDays(refreshDays))));
    return new Views.Tokens(tokens.issue(user), refresh, "Bearer", tokens.lifetime().toSeconds());
  }
}
