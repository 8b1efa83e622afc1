package dev.pulse.domain.tenancy;

import dev.pulse.domain.event.FieldError;
import java.util.List;

/**
 * Refusal is a use case saying no for a reason the caller can act on: the thing is not there (or
 * not theirs), their role is too low, the change conflicts with the current state, or the input is
 * invalid. It carries no HTTP types; the web tier maps each {@link Reason} to a status. The service
 * tier declares it an application exception, so the transaction that raised it is rolled back.
 */
public class Refusal extends RuntimeException {

  /** Why the use case refused. */
  public enum Reason {
    /** The account behind the caller's token no longer exists. */
    UNAUTHENTICATED,
    /** The resource does not exist, or the caller may not know that it does. */
    NOT_FOUND,
    /** The caller is known to the resource but their role does not allow this. */
    FORBIDDEN,
    /** The change contradicts the current state (a taken email, the last owner). */
    CONFLICT,
    /** Fields are invalid: see {@link #errors()}. */
    INVALID
  }

  private final Reason reason;
  private final transient List<FieldError> errors;

  public Refusal(Reason reason, String detail) {
    this(reason, detail, List.of());
  }

  public Refusal(Reason reason, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.reason = reason;
    this.errors = List.copyOf(errors);
  }

  public static Refusal notFound(String detail) {
    return new Refusal(Reason.NOT_FOUND, detail);
  }

  public static Refusal forbidden(String detail) {
    return new Refusal(Reason.FORBIDDEN, detail);
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Reason.CONFLICT, detail);
  }

  public static Refusal invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid";
    return new Refusal(Reason.INVALID, detail, errors);
  }

  public Reason reason() {
    return reason;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
