package dev.pulse.ingest.auth;

import dev.pulse.ingest.IngestConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * SigningKeys holds the RSA key pair access tokens are signed with. The pair lives as two PEM files
 * in {@code PULSE_JWT_KEY_DIR} (by default under the server's resources/security): supplied there
 * by the operator, or generated on first start. The container verifies tokens against the public
 * file (mp.jwt.verify.publickey.location in server.xml), so both sides always agree.
 */
@ApplicationScoped
public class SigningKeys {

  private static final Logger LOG = System.getLogger(SigningKeys.class.getName());
  static final String PRIVATE_FILE = "private.pem";
  static final String PUBLIC_FILE = "public.pem";

  @Inject IngestConfig config;

  private PrivateKey privateKey;
  private RSAPublicKey publicKey;
  private String keyId;

  @PostConstruct
  void load() {
    Path dir = config.jwtKeyDir();
    try {
      if (!Files.exists(dir.resolve(PRIVATE_FILE))) {
        generate(dir);
      }
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(dir.resolve(PRIVATE_FILE))));
      publicKey =
          (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(pem(dir.resolve(PUBLIC_FILE))));
      byte[] thumb = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(thumb).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the token signing keys in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the token signing keys in " + dir + " are not an RSA key pair", e);
    }
  }

  /** Writes a new 2048-bit pair; the private file is readable by its owner only. */
  private static void generate(Path dir) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    // Public first, then the private file by atomic rename: a reader never sees half a pair.
    write(dir, PUBLIC_FILE, "PUBLIC KEY", pair.getPublic().getEncoded());
    try {
      write(dir, PRIVATE_FILE, "PRIVATE KEY", pair.getPrivate().getEncoded());
      LOG.log(Level.INFO, "Generated the access token signing key pair in {0}", dir);
    } catch (FileAlreadyExistsException raced) {
      LOG.log(Level.INFO, "Another start generated the signing key pair in {0}", dir);
    }
  }

  private static void write(Path dir, String name, String type, byte[] der) throws IOException {
    String text =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    Path tmp = Files.createTempFile(dir, name, ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the directory's ACL applies.
    }
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    if (PUBLIC_FILE.equals(name)) {
      Files.move(
          tmp,
          dir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } else {
      try {
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static byte[] pem(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  /** Loads (or generates) the pair as the application starts, before any token is verified. */
  void atStart(@Observes Startup startup) {
    // Observing is enough: CDI creates the bean, and @PostConstruct loads the keys.
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }
}
