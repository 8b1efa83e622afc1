package dev.pulse.worker.tenancy;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRepository;
import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.ApiKey;
import dev.pulse.domain.tenancy.Project;
import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.domain.tenancy.User;
import dev.pulse.worker.application.Passwords;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * TenancyBootstrap creates, once, what {@code PULSE_ADMIN_EMAIL}, {@code PULSE_ADMIN_PASSWORD} and
 * {@code PULSE_BOOTSTRAP_KEY} describe: that admin, a project {@code default} they own and that
 * ingest key in it. Running it again changes nothing: an existing account keeps its password and a
 * revoked bootstrap key stays revoked. Secrets are never logged.
 */
@Stateless
@LocalBean
public class TenancyBootstrap {

  private static final Logger LOG = System.getLogger(TenancyBootstrap.class.getName());
  public static final String DEFAULT_PROJECT = "default";

  @Inject TenancyConfig config;

  @Inject Passwords passwords;
  @EJB AccountRepository accounts;
  @EJB ProjectRepository projects;

  /**
   * Applies the configuration. An unusable one is logged (what is wrong, never the values) and
   * skipped: a typo in these variables must not keep the worker from persisting events.
   */
  public void run() {
    List<String> problems = configurationProblems();
    if (!problems.isEmpty()) {
      LOG.log(
          Level.ERROR,
          "Bootstrap skipped, its configuration is unusable: {0}",
          String.join("; ", problems));
      return;
    }
    Instant now = Instant.now();
    UUID admin =
        config
            .adminEmail()
            .map(email -> ensureAdmin(AccountRules.normalizeEmail(email), now))
            .orElse(null);
    if (admin == null && config.bootstrapKey().isEmpty()) {
      return;
    }
    if (projects.create(new Project(DEFAULT_PROJECT, "Default", now), admin)) {
      LOG.log(Level.INFO, "Bootstrap: created project {0}", DEFAULT_PROJECT);
    } else if (admin != null && projects.roleOf(DEFAULT_PROJECT, admin).isEmpty()) {
      projects.addMember(DEFAULT_PROJECT, admin, Role.OWNER, now);
    }
    config.bootstrapKey().ifPresent(key -> ensureKey(key, admin, now));
  }

  private List<String> configurationProblems() {
    List<String> problems = new ArrayList<>();
    if (config.adminEmail().isPresent() != config.adminPassword().isPresent()) {
      problems.add("PULSE_ADMIN_EMAIL and PULSE_ADMIN_PASSWORD go together");
    }
    config
        .adminEmail()
        .map(AccountRules::normalizeEmail)
        .map(AccountRules::checkEmail)
        .orElse(List.of())
        .forEach(e -> problems.add("PULSE_ADMIN_EMAIL: " + e.message()));
    config
        .adminPassword()
        .map(p -> AccountRules.checkPassword("PULSE_ADMIN_PASSWORD", p))
        .orElse(List.of())
        .stream()
        .map(FieldError::message)
        .forEach(problems::add);
    if (config.bootstrapKey().isPresent()
        && !Secrets.isAcceptableSuppliedKey(config.bootstrapKey().get())) {
      problems.add("PULSE_BOOTSTRAP_KEY must be 20-200 characters of [A-Za-z0-9_-]");
    }
    return problems;
  }

  /**
   * The admin's id, creating the account if needed. An account registered under that email by
   * someone else before the first start is not trusted with project default: it must already be a
   * member, or know PULSE_ADMIN_PASSWORD.
   */
  private UUID ensureAdmin(String email, Instant now) {
    Optional<User> existing = accounts.findByEmail(email);
    if (existing.isPresent()) {
      UUID id = existing.get().getId();
      if (projects.roleOf(DEFAULT_PROJECT, id).isPresent()
          || passwords.verify(
              config.adminPassword().orElseThrow(), existing.get().getPasswordHash())) {
        return id;
      }
      LOG.log(
          Level.WARNING,
          "Bootstrap: account {0} exists but its password is not PULSE_ADMIN_PASSWORD; "
              + "it is not made owner of project {1}",
          email,
          DEFAULT_PROJECT);
      return null;
    }
    User user =
        new User(
            UUID.randomUUID(),
            email,
            "Administrator",
            passwords.hash(config.adminPassword().orElseThrow()),
            now);
    if (accounts.register(user)) {
      LOG.log(Level.INFO, "Bootstrap: created admin account {0}", email);
      return user.getId();
    }
    return null; // registered by someone else a moment ago: not trusted, see above
  }

  private void ensureKey(String key, UUID admin, Instant now) {
    String digest = Secrets.digest(key);
    Optional<ApiKey> existing = projects.keyByDigest(digest);
    if (existing.isPresent()) {
      if (existing.get().isRevoked()) {
        LOG.log(
            Level.WARNING,
            "Bootstrap: PULSE_BOOTSTRAP_KEY ({0}...) was revoked and stays revoked",
            Secrets.shown(key));
      }
      return;
    }
    projects.addKey(
        new ApiKey(
            UUID.randomUUID(),
            DEFAULT_PROJECT,
            "bootstrap",
            Secrets.shown(key),
            digest,
            null,
            admin,
            now));
    LOG.log(
        Level.INFO,
        "Bootstrap: created ingest key {0}... in project {1}",
        Secrets.shown(key),
        DEFAULT_PROJECT);
  }
}
