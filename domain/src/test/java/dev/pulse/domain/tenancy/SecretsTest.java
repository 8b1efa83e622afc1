package dev.pulse.domain.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void apiKeysArePrefixedRandomAndDotFree() {
    String a = Secrets.newApiKey();
    String b = Secrets.newApiKey();
    assertNotEquals(a, b);
    assertTrue(a.startsWith(Secrets.KEY_PREFIX));
    assertEquals(Secrets.KEY_PREFIX.length() + 32, a.length(), "24 random bytes, base64url");
    assertFalse(a.contains("."), "a dot would make a key look like a JWT");
    assertTrue(Secrets.isAcceptableSuppliedKey(a));
  }

  @Test
  void shownPartIsThePrefixAndSixCharacters() {
    String key = Secrets.newApiKey();
    assertEquals(key.substring(0, 12), Secrets.shown(key));
  }

  @Test
  void suppliedKeysAreShownByDigestNeverByTheirOwnCharacters() {
    String supplied = "dev_bootstrap_key_0123456789";
    assertEquals("sha256:" + Secrets.digest(supplied).substring(0, 8), Secrets.shown(supplied));
    assertFalse(Secrets.shown("pulse_short_supplied_key_1").startsWith("pulse_short"));
  }

  @Test
  void digestIsLowerHexSha256() {
    assertEquals(
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        Secrets.digest("hello"));
  }

  @Test
  void suppliedKeysMustBeLongEnoughAndPlain() {
    assertFalse(Secrets.isAcceptableSuppliedKey("short"));
    assertFalse(Secrets.isAcceptableSuppliedKey("has.a.dot.in.it.0123456789"));
    assertFalse(Secrets.isAcceptableSuppliedKey(null));
    assertTrue(Secrets.isAcceptableSuppliedKey("dev_bootstrap_key_0123456789"));
  }
}
