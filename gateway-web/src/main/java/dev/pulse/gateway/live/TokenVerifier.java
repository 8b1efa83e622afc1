package dev.pulse.gateway.live;

import dev.pulse.worker.application.KnownAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * TokenVerifier checks an access token the way MicroProfile JWT does for the REST API: RS256 with
 * the key at {@code mp.jwt.verify.publickey.location}, the configured issuer, an expiry, 30 s of
 * clock skew, and a subject that is a Pulse user id. The key is read on first use (the REST side
 * writes it at its first start) and again, at most every 10 s, when a token fails: a replaced key
 * is picked up. A token whose account was deleted is refused too.
 */
@ApplicationScoped
public class TokenVerifier {

  @Inject LiveConfig config;
  @Inject KnownAccounts accounts;

  private volatile JwtConsumer consumer;
  private volatile long lastLoadNanos;

  /** The token's viewer; empty when it is missing, forged, expired or not Pulse's. */
  public Optional<Viewer> verify(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    Optional<Viewer> viewer = verifyWith(consumer(false), token);
    // A refused token may mean the key was replaced: read it again, at most every 10 s.
    boolean mayReload = System.nanoTime() - lastLoadNanos > 10_000_000_000L;
    if (viewer.isEmpty() && mayReload) {
      viewer = verifyWith(consumer(true), token);
    }
    // A well-signed token of a deleted account is refused like a forged one.
    return viewer.filter(v -> accounts.exists(v.user()));
  }

  private static Optional<Viewer> verifyWith(JwtConsumer consumer, String token) {
    if (consumer == null) {
      return Optional.empty();
    }
    try {
      JwtClaims claims = consumer.processToClaims(token);
      UUID user = UUID.fromString(claims.getSubject());
      Instant expires = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
      return Optional.of(new Viewer(user, expires));
    } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private JwtConsumer consumer(boolean reload) {
    JwtConsumer current = consumer;
    if (current == null || reload) {
      lastLoadNanos = System.nanoTime();
      try {
        current =
            new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedIssuer(config.issuer())
                .setVerificationKey(publicKey())
                .setJwsAlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.RSA_USING_SHA256)
                .setSkipDefaultAudienceValidation()
                .build();
        consumer = current;
      } catch (IOException | GeneralSecurityException e) {
        return current; // not written yet: every token is refused until it is
      }
    }
    return current;
  }

  private PublicKey publicKey() throws IOException, GeneralSecurityException {
    String location = config.publicKeyLocation();
    Path file = Path.of(location.startsWith("file:") ? location.substring(5) : location);
    String body =
        Files.readString(file)
            .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
