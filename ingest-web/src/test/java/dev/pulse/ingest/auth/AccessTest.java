package dev.pulse.ingest.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.tenancy.Secrets;
import org.junit.jupiter.api.Test;

class AccessTest {

  @Test
  void aBearerWithThreeDottedPartsIsAToken() {
    assertTrue(Access.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
    assertTrue(
        Access.looksLikeJwt("a.b."),
        "alg none tokens end with a dot and are still tokens (refused later)");
  }

  @Test
  void anythingElseIsAnIngestKey() {
    assertFalse(Access.looksLikeJwt(Secrets.newApiKey()));
    assertFalse(Access.looksLikeJwt("a.b"));
    assertFalse(Access.looksLikeJwt("a.b.c.d"));
    assertFalse(Access.looksLikeJwt("dev_bootstrap_key_0123456789"));
  }
}
