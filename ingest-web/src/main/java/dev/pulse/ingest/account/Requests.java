package dev.pulse.ingest.account;

import dev.pulse.domain.tenancy.AccountRules;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Requests are the JSON bodies of the account API, read by JSON-B and checked by Bean Validation
 * (presence and sizes) before a resource sees them; the format rules that need code (email shape,
 * project slugs, names without control characters) are {@link AccountRules}, applied by the
 * resources. Unknown fields are ignored.
 */
public final class Requests {

  private Requests() {}

  @Schema(name = "RegisterRequest")
  public record Register(
      @NotBlank(message = "email is required")
          @Size(max = AccountRules.MAX_EMAIL_LENGTH, message = "email is too long")
          @Schema(format = "email", example = "ada@example.com")
          String email,
      @NotNull(message = "password is required")
          @Size(
              min = AccountRules.MIN_PASSWORD_LENGTH,
              max = AccountRules.MAX_PASSWORD_LENGTH,
              message = "password must be 12-1024 characters")
          @Schema(format = "password", minLength = 12, maxLength = 1024)
          String password,
      @Size(max = AccountRules.MAX_NAME_LENGTH, message = "name is too long")
          @Schema(example = "Ada")
          String name) {}

  @Schema(name = "LoginRequest")
  public record Login(
      @NotBlank(message = "email is required") @Schema(format = "email") String email,
      @NotNull(message = "password is required") @Schema(format = "password") String password) {}

  @Schema(name = "RefreshRequest")
  public record Refresh(
      @JsonbProperty("refresh_token")
          @NotBlank(message = "refresh_token is required")
          @Size(max = 200, message = "refresh_token is not a Pulse refresh token")
          String refreshToken) {}

  @Schema(name = "NewProject")
  public record NewProject(
      @Schema(
              description = "slug; derived from the name when absent",
              example = "checkout-api",
              pattern = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
          String id,
      @NotBlank(message = "name is required")
          @Size(max = AccountRules.MAX_NAME_LENGTH, message = "name is too long")
          @Schema(example = "Checkout API")
          String name) {}

  @Schema(name = "ProjectRename")
  public record Rename(
      @NotBlank(message = "name is required")
          @Size(max = AccountRules.MAX_NAME_LENGTH, message = "name is too long")
          String name) {}

  @Schema(name = "NewMember")
  public record NewMember(
      @NotBlank(message = "email is required") @Schema(format = "email") String email,
      @NotNull(message = "role is required")
          @Schema(
              type = SchemaType.STRING,
              enumeration = {"owner", "admin", "member", "viewer"})
          String role) {}

  @Schema(name = "RoleChange")
  public record RoleChange(
      @NotNull(message = "role is required")
          @Schema(
              type = SchemaType.STRING,
              enumeration = {"owner", "admin", "member", "viewer"})
          String role) {}

  @Schema(name = "NewKeyRequest")
  public record NewKey(
      @NotBlank(message = "name is required")
          @Size(max = AccountRules.MAX_KEY_NAME_LENGTH, message = "name is too long")
          @Schema(example = "checkout-prod")
          String name,
      @JsonbProperty("events_per_minute")
          @Positive(message = "events_per_minute must be positive")
          @Schema(description = "optional quota; none when absent", example = "60000")
          Long eventsPerMinute) {}

  @Schema(name = "AccountChange", description = "Fields left out stay as they are.")
  public record AccountChange(
      @Size(max = AccountRules.MAX_NAME_LENGTH, message = "name is too long") String name,
      @Schema(format = "email") String email,
      @Size(
              min = AccountRules.MIN_PASSWORD_LENGTH,
              max = AccountRules.MAX_PASSWORD_LENGTH,
              message = "password must be 12-1024 characters")
          @Schema(format = "password")
          String password,
      @JsonbProperty("current_password")
          @Schema(format = "password", description = "required to change email or password")
          String currentPassword) {}
}
