package dev.pulse.domain.event;

/** FieldError names one field of a request that broke a rule, and the rule it broke. */
public record FieldError(String field, String message) {

  /** The same error for a field nested under {@code prefix}, e.g. {@code tags.env}. */
  public FieldError under(String prefix) {
    return new FieldError(prefix + "." + field, message);
  }
}
