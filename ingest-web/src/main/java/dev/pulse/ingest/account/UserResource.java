package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.User;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.auth.IngestKeys;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** UserResource is {@code /api/v1/users/me}: the signed-in user's own account. */
@Path("/api/v1/users/me")
@RequestScoped
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(
    responseCode = "401",
    description = "No valid access token",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {

  @Inject Access access;
  @Inject Passwords passwords;
  @Inject LoginThrottle throttle;
  @Inject IngestKeys ingestKeys;
  @Context HttpServletRequest request;
  @EJB JpaAccountRepository accounts;

  @GET
  @Operation(summary = "The signed-in user")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(schema = @Schema(implementation = Views.UserView.class)))
  public Views.UserView get() {
    return Views.UserView.of(me());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change name, email or password",
      description =
          "Changing email or password needs current_password, and counts as a login attempt for the rate limit. "
              + "A new password revokes every refresh token of the user.")
  @RequestBody(
      required = true,
      content =
          @Content(examples = @ExampleObject(name = "rename", value = "{\"name\": \"Ada L.\"}")))
  @APIResponse(
      responseCode = "200",
      description = "The updated user",
      content = @Content(schema = @Schema(implementation = Views.UserView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid fields",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "current_password is wrong",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The new email is taken",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Views.UserView update(InputStream body) {
    User user = me();
    JsonBody json = JsonBody.read(body);
    String name = json.string("name");
    String email = json.has("email") ? AccountRules.normalizeEmail(json.string("email")) : null;
    String password = json.has("password") ? json.string("password") : null;
    String current = json.string("current_password");
    json.check(AccountRules.checkName("name", name, AccountRules.MAX_NAME_LENGTH, false));
    if (email != null) {
      json.check(AccountRules.checkEmail(email));
    }
    if (password != null) {
      json.check(AccountRules.checkPassword("password", password));
    }
    boolean sensitive = (email != null && !email.equals(user.getEmail())) || password != null;
    if (sensitive && current == null) {
      json.check(
          List.of(
              new FieldError(
                  "current_password", "current_password is required to change email or password")));
    }
    json.validate("Invalid account change");
    if (sensitive) {
      // A stolen access token must not become an unlimited password oracle.
      throttle.attempt(request.getRemoteAddr(), user.getEmail());
    }
    if (sensitive && !passwords.verify(current, user.getPasswordHash())) {
      throw new ProblemException(Problem.forbidden("current_password is wrong"));
    }
    if (email != null && accounts.emailTakenByOther(email, user.getId())) {
      throw new ProblemException(Problem.conflict("an account with this email exists"));
    }
    String hash = password == null ? null : passwords.hash(password);
    return accounts
        .update(user.getId(), name, email, hash)
        .map(Views.UserView::of)
        .orElseThrow(UserResource::gone);
  }

  @DELETE
  @Operation(
      summary = "Delete the account",
      description =
          "Removes the user's memberships and tokens, and the projects they were the only member of (with their keys and events; "
              + "their ids are not reused). "
              + "Refused (409) while they are the only owner of a project that has other members.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "409",
      description = "Sole owner of a shared project",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response delete() {
    JpaAccountRepository.Deletion deletion = accounts.delete(access.user());
    if (!deletion.soleOwnerOf().isEmpty()) {
      throw new ProblemException(
          Problem.conflict(
              "you are the only owner of "
                  + String.join(", ", deletion.soleOwnerOf())
                  + "; make another member owner first"));
    }
    if (!deletion.deleted()) {
      throw gone();
    }
    deletion.removedKeyDigests().forEach(ingestKeys::forget);
    return Response.noContent().build();
  }

  private User me() {
    UUID id = access.user();
    return accounts.find(id).orElseThrow(UserResource::gone);
  }

  /** A valid token for an account deleted since it was issued. */
  private static ProblemException gone() {
    return new ProblemException(Problem.unauthorized("the account of this token no longer exists"));
  }
}
