package dev.pulse.domain.tenancy;

import java.util.Locale;
import java.util.Optional;

/**
 * Role is what a member may do in one project. Each role includes the rights of the ones below it:
 * viewers read; members also ingest and edit rules; admins manage keys and members; owners also
 * appoint admins and owners.
 */
public enum Role {
  VIEWER,
  MEMBER,
  ADMIN,
  OWNER;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /**
   * Whether someone with this role may give a member who now holds {@code current} (null for a
   * newcomer) the role {@code next} (null for removal). Owners may do anything; admins only below
   * admin, and only to members below admin.
   */
  public boolean mayAssign(Role current, Role next) {
    if (this == OWNER) {
      return true;
    }
    if (this != ADMIN) {
      return false;
    }
    boolean fromBelow = current == null || current.compareTo(ADMIN) < 0;
    boolean toBelow = next == null || next.compareTo(ADMIN) < 0;
    return fromBelow && toBelow;
  }

  /** The lower-case name used on the wire and in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.wireName().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
