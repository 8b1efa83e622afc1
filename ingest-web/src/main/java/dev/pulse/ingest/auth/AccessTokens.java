package dev.pulse.ingest.auth;

import dev.pulse.domain.tenancy.User;
import dev.pulse.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * AccessTokens issues the short-lived RS256 JWTs that users present as {@code Authorization:
 * Bearer}. Only signing happens here (with jose4j); verification is the container's, through
 * MicroProfile JWT, against the same key pair ({@link SigningKeys}).
 */
@ApplicationScoped
public class AccessTokens {

  /** The one group every access token carries: "a signed-in user". Project roles are not claims. */
  public static final String USER_GROUP = "user";

  @Inject SigningKeys keys;

  @Inject IngestConfig config;

  public Duration lifetime() {
    return config.accessTokenLifetime();
  }

  public String issue(User user) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(config.jwtIssuer());
    claims.setSubject(user.getId().toString());
    claims.setClaim("upn", user.getEmail());
    claims.setStringListClaim("groups", List.of(USER_GROUP));
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(lifetime().toSeconds() / 60f);
    claims.setGeneratedJwtId();
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(keys.privateKey());
    jws.setKeyIdHeaderValue(keys.keyId());
    jws.setHeader("typ", "JWT");
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
  }

  /** The public key as a JWK Set, for other services that verify Pulse tokens. */
  public String jwks() {
    try {
      RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(keys.publicKey());
      jwk.setKeyId(keys.keyId());
      jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
      jwk.setUse("sig");
      return "{\"keys\":[" + jwk.toJson() + "]}";
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
