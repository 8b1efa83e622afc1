package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRepository;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.User;
import dev.pulse.ingest.ApiResponses;
import dev.pulse.ingest.auth.Access;
import dev.pulse.ingest.auth.IngestKeys;
import dev.pulse.ingest.auth.LoginThrottle;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.application.AccountChanges;
import dev.pulse.worker.application.KnownAccounts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** UserResource is {@code /api/v1/users/me}: the signed-in user's own account. */
@Path("/api/v1/users/me")
@RequestScoped
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "accessToken")
@APIResponse(responseCode = "401", ref = ApiResponses.UNAUTHORIZED)
public class UserResource {

  @Inject Access access;
  @Inject LoginThrottle throttle;
  @Inject IngestKeys ingestKeys;
  @Context HttpServletRequest request;
  @EJB AccountRepository accounts;
  @Inject KnownAccounts knownAccounts;
  @EJB AccountChanges changes;

  @GET
  @Operation(operationId = "getMe", summary = "The signed-in user")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content = @Content(schema = @Schema(implementation = Views.UserView.class)))
  public Views.UserView get() {
    return Views.UserView.of(
        accounts
            .find(access.user())
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.unauthorized("the account of this token no longer exists"))));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateMe",
      summary = "Change name, email or password",
      description =
          "Changing email or password needs current_password, and counts as a login attempt for "
              + "the rate limit. A new password revokes every refresh token of the user.")
  @APIResponse(
      responseCode = "200",
      description = "The updated user",
      content = @Content(schema = @Schema(implementation = Views.UserView.class)))
  @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
  @APIResponse(
      responseCode = "403",
      description = "current_password is wrong",
      ref = ApiResponses.FORBIDDEN)
  @APIResponse(
      responseCode = "409",
      description = "The new email is taken",
      ref = ApiResponses.CONFLICT)
  @APIResponse(responseCode = "429", ref = ApiResponses.RATE_LIMITED)
  public Views.UserView update(@Valid Requests.AccountChange body) {
    Checks.present(body);
    String email = body.email() == null ? null : AccountRules.normalizeEmail(body.email());
    Checks.validate(
        "Invalid account change",
        AccountRules.checkName("name", body.name(), AccountRules.MAX_NAME_LENGTH, false),
        email == null ? List.<FieldError>of() : AccountRules.checkEmail(email),
        body.password() == null
            ? List.<FieldError>of()
            : AccountRules.checkPassword("password", body.password()));
    String current = currentEmail();
    if (body.password() != null || (email != null && !email.equals(current))) {
      // A stolen access token must not become an unlimited password oracle.
      throttle.attempt(request.getRemoteAddr(), current);
    }
    User user =
        changes.update(
            access.user(),
            new AccountChanges.Change(body.name(), email, body.password(), body.currentPassword()));
    return Views.UserView.of(user);
  }

  @DELETE
  @Operation(
      operationId = "deleteMe",
      summary = "Delete the account",
      description =
          "Removes the user's memberships and tokens at once, and the projects they were the only "
              + "member of with their keys (their ids are not reused). Those projects' events are "
              + "deleted in the background: the answer is then 202. Refused (409) while they are "
              + "the only owner of a project that has other members.")
  @APIResponse(
      responseCode = "202",
      description = "Deleted; events of deleted projects are being purged")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "409",
      description = "Sole owner of a shared project",
      ref = ApiResponses.CONFLICT)
  public Response delete() {
    UUID user = access.user();
    AccountRepository.Closure closure = changes.close(user);
    knownAccounts.forget(user);
    closure.removedKeyDigests().forEach(ingestKeys::forget);
    return closure.deletedProjects().isEmpty()
        ? Response.noContent().build()
        : Response.accepted().build();
  }

  /** The email the throttle charges: the account's, whatever the request says. */
  private String currentEmail() {
    return accounts.find(access.user()).map(User::getEmail).orElse("");
  }
}
