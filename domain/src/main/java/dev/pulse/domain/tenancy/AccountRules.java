package dev.pulse.domain.tenancy;

import dev.pulse.domain.event.FieldError;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * AccountRules holds the limits on account, project and key fields, checked before anything is
 * stored. The limits are part of the public API (see README and OpenAPI).
 */
public final class AccountRules {

  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 1024;
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_KEY_NAME_LENGTH = 100;
  public static final int MAX_SLUG_LENGTH = 63;
  public static final long MAX_EVENTS_PER_MINUTE = 100_000_000L;

  // Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is not checked.
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  private AccountRules() {}

  /** The form an email is stored and compared in: trimmed and lower-cased. */
  public static String normalizeEmail(String email) {
    return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  public static List<FieldError> checkEmail(String email) {
    if (email == null || email.isBlank()) {
      return List.of(new FieldError("email", "email is required"));
    }
    if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
      return List.of(new FieldError("email", "email must look like name@example.com"));
    }
    return List.of();
  }

  public static List<FieldError> checkPassword(String field, String password) {
    if (password == null) {
      return List.of(new FieldError(field, field + " is required"));
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
      return List.of(
          new FieldError(
              field,
              field
                  + " must be "
                  + MIN_PASSWORD_LENGTH
                  + "-"
                  + MAX_PASSWORD_LENGTH
                  + " characters"));
    }
    return List.of();
  }

  public static List<FieldError> checkName(String field, String name, int max, boolean required) {
    if (name == null || name.isBlank()) {
      return required ? List.of(new FieldError(field, field + " is required")) : List.of();
    }
    if (name.length() > max || name.chars().anyMatch(Character::isISOControl)) {
      return List.of(
          new FieldError(
              field, field + " must be 1-" + max + " characters without control characters"));
    }
    return List.of();
  }

  public static List<FieldError> checkSlug(String slug) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      return List.of(
          new FieldError(
              "id",
              "a project id is 1-"
                  + MAX_SLUG_LENGTH
                  + " characters of [a-z0-9-], starting and ending with a letter or digit"));
    }
    return List.of();
  }

  public static List<FieldError> checkEventsPerMinute(Long eventsPerMinute) {
    if (eventsPerMinute != null
        && (eventsPerMinute < 1 || eventsPerMinute > MAX_EVENTS_PER_MINUTE)) {
      return List.of(
          new FieldError(
              "events_per_minute",
              "events_per_minute must be from 1 to "
                  + MAX_EVENTS_PER_MINUTE
                  + ", or null for no quota"));
    }
    return List.of();
  }

  /** A project id derived from a display name: "Checkout API (EU)" becomes "checkout-api-eu". */
  public static String slugOf(String name) {
    String ascii =
        Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (ascii.length() > MAX_SLUG_LENGTH) {
      ascii = ascii.substring(0, MAX_SLUG_LENGTH).replaceAll("-+$", "");
    }
    return ascii;
  }

  /** A client-supplied id as it may appear in a message: quoted, printable, at most 63 chars. */
  public static String quoted(String value) {
    if (value == null) {
      return "\"\"";
    }
    String shown = value.length() > 63 ? value.substring(0, 63) + "..." : value;
    return '"' + shown.replaceAll("[^\\x20-\\x7e]", "?") + '"';
  }
}
