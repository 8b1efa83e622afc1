package dev.pulse.domain.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void eachRoleIncludesTheOnesBelowIt() {
    assertTrue(Role.OWNER.includes(Role.ADMIN));
    assertTrue(Role.ADMIN.includes(Role.MEMBER));
    assertTrue(Role.MEMBER.includes(Role.VIEWER));
    assertTrue(Role.VIEWER.includes(Role.VIEWER));
    assertFalse(Role.VIEWER.includes(Role.MEMBER));
    assertFalse(Role.ADMIN.includes(Role.OWNER));
  }

  @Test
  void ownersMayAssignAnything() {
    for (Role from : Role.values()) {
      for (Role to : Role.values()) {
        assertTrue(Role.OWNER.mayAssign(from, to));
      }
    }
    assertTrue(Role.OWNER.mayAssign(null, Role.OWNER));
    assertTrue(Role.OWNER.mayAssign(Role.OWNER, null));
  }

  @Test
  void adminsManageOnlyMembersAndViewers() {
    assertTrue(Role.ADMIN.mayAssign(null, Role.MEMBER));
    assertTrue(Role.ADMIN.mayAssign(Role.VIEWER, Role.MEMBER));
    assertTrue(Role.ADMIN.mayAssign(Role.MEMBER, null));
    assertFalse(Role.ADMIN.mayAssign(null, Role.ADMIN), "no new admins");
    assertFalse(Role.ADMIN.mayAssign(Role.MEMBER, Role.OWNER));
    assertFalse(Role.ADMIN.mayAssign(Role.ADMIN, Role.VIEWER), "no demoting peers");
    assertFalse(Role.ADMIN.mayAssign(Role.OWNER, null), "no removing owners");
  }

  @Test
  void membersAndViewersAssignNothing() {
    assertFalse(Role.MEMBER.mayAssign(null, Role.VIEWER));
    assertFalse(Role.VIEWER.mayAssign(Role.VIEWER, null));
  }

  @Test
  void wireNamesAreLowerCaseAndParseBack() {
    for (Role role : Role.values()) {
      assertEquals(Optional.of(role), Role.parse(role.wireName()));
    }
    assertEquals(Optional.empty(), Role.parse("OWNER"));
    assertEquals(Optional.empty(), Role.parse(null));
    assertEquals(Optional.empty(), Role.parse("superuser"));
  }
}
