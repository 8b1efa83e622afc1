package dev.pulse.domain.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static RefreshToken token() {
    return new RefreshToken(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        "d",
        NOW,
        NOW.plus(Duration.ofDays(30)));
  }

  @Test
  void redeemsOnceThenReportsReuse() {
    RefreshToken token = token();
    assertEquals(RefreshToken.Redemption.VALID, token.redeem(NOW));
    assertEquals(RefreshToken.Redemption.REUSED, token.redeem(NOW.plusSeconds(1)));
  }

  @Test
  void expiredTokensAreNotRedeemed() {
    RefreshToken token = token();
    assertEquals(RefreshToken.Redemption.EXPIRED, token.redeem(NOW.plus(Duration.ofDays(30))));
    assertEquals(
        RefreshToken.Redemption.EXPIRED,
        token.redeem(NOW.plus(Duration.ofDays(31))),
        "and not used up by trying");
  }
}
