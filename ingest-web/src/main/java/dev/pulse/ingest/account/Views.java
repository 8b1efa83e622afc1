package dev.pulse.ingest.account;

import dev.pulse.domain.tenancy.ApiKey;
import dev.pulse.domain.tenancy.Project;
import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.domain.tenancy.User;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Views are the response bodies of the account API. Secrets appear only where named so. */
public final class Views {

  private Views() {}

  @Schema(
      name = "Tokens",
      description =
          "A token pair. The refresh token is single-use: each refresh returns a new pair.")
  public record Tokens(
      @JsonbProperty("access_token") @Schema(description = "RS256 JWT for Authorization: Bearer")
          String accessToken,
      @JsonbProperty("refresh_token")
          @Schema(description = "opaque; redeem once at /api/v1/auth/refresh")
          String refreshToken,
      @JsonbProperty("token_type") @Schema(example = "Bearer") String tokenType,
      @JsonbProperty("expires_in")
          @Schema(description = "seconds the access token is valid", example = "900")
          long expiresIn) {}

  @Schema(name = "User")
  public record UserView(
      @Schema(format = "uuid") UUID id,
      String email,
      String name,
      @JsonbProperty("created_at") Instant createdAt) {
    static UserView of(User u) {
      return new UserView(u.getId(), u.getEmail(), u.getName(), u.getCreatedAt());
    }
  }

  @Schema(name = "Project")
  public record ProjectView(
      @Schema(example = "checkout") String id,
      @Schema(example = "Checkout") String name,
      @Schema(
              description = "the caller's role",
              enumeration = {"owner", "admin", "member", "viewer"})
          String role,
      @JsonbProperty("created_at") Instant createdAt) {
    static ProjectView of(Project p, Role role) {
      return new ProjectView(p.getId(), p.getName(), role.wireName(), p.getCreatedAt());
    }
  }

  @Schema(name = "Projects")
  public record ProjectList(List<ProjectView> projects) {}

  @Schema(name = "Member")
  public record MemberView(
      @JsonbProperty("user_id") @Schema(format = "uuid") UUID userId,
      String email,
      String name,
      @Schema(enumeration = {"owner", "admin", "member", "viewer"}) String role,
      @JsonbProperty("since") Instant since) {
    static MemberView of(ProjectRepository.Member m) {
      return new MemberView(m.userId(), m.email(), m.name(), m.role().wireName(), m.since());
    }
  }

  @Schema(name = "Members")
  public record MemberList(List<MemberView> members) {}

  @Schema(name = "ApiKey", description = "An ingest key as listed: never its secret")
  public record KeyView(
      @Schema(format = "uuid") UUID id,
      String name,
      @Schema(
              description = "the first characters of the key, to recognise it",
              example = "pulse_Xy12Ab")
          String prefix,
      @JsonbProperty("events_per_minute") @Schema(description = "quota; null for none")
          Long eventsPerMinute,
      @JsonbProperty("created_at") Instant createdAt,
      @JsonbProperty("revoked_at") Instant revokedAt) {
    static KeyView of(ApiKey k) {
      return new KeyView(
          k.getId(),
          k.getName(),
          k.getPrefix(),
          k.getEventsPerMinute(),
          k.getCreatedAt(),
          k.getRevokedAt());
    }
  }

  @Schema(name = "ApiKeys")
  public record KeyList(List<KeyView> keys) {}

  @Schema(
      name = "NewApiKey",
      description =
          "A key just created. The secret is shown this once and cannot be retrieved later.")
  public record NewKey(
      @Schema(format = "uuid") UUID id,
      String name,
      String prefix,
      @JsonbProperty("events_per_minute") Long eventsPerMinute,
      @JsonbProperty("created_at") Instant createdAt,
      @Schema(
              description = "the secret: send it as X-Pulse-Key or Authorization: Bearer",
              example = "pulse_...")
          String key) {}
}
