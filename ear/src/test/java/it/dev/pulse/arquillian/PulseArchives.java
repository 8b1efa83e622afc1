package it.dev.pulse.arquillian;

import dev.pulse.domain.event.Event;
import dev.pulse.worker.WorkerMetrics;
import dev.pulse.worker.persistence.SchemaMigration;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.flywaydb.core.Flyway;
import org.flywaydb.database.cockroachdb.CockroachDBDatabaseType;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * PulseArchives builds the test archives Arquillian deploys to the {@code pulsearquillian} Liberty
 * server: Pulse's own classes and resources taken from the modules the build just made (domain,
 * worker-ejb), so an in-container test runs the real code. See docs/ARQUILLIAN.md.
 */
public final class PulseArchives {

  private PulseArchives() {}

  /**
   * A WAR that can use the database as the worker does: the domain (entities and the persistence
   * unit "pulse" on {@code jdbc/pulse}) as WEB-INF/lib/pulse-domain.jar, the worker's persistence
   * package ({@code JpaEventRepository}, {@code EventSink}, {@code SchemaMigration}), the jdbc
   * support package and {@code WorkerMetrics}, Flyway with the migrations, the worker's beans.xml
   * and ejb-jar.xml. Hibernate is not in it: it is the server's shared library {@code
   * hibernateLib}. Add the test's own helper classes to it.
   */
  public static WebArchive persistence(String name) {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, name + ".war")
            .addAsLibrary(module(Event.class, "pulse-domain.jar"))
            .addAsLibraries(
                jar(Flyway.class),
                jar(PostgreSQLDatabaseType.class),
                jar(CockroachDBDatabaseType.class))
            .addPackage(SchemaMigration.class.getPackage())
            .addPackage(dev.pulse.worker.jdbc.Sql.class.getPackage())
            .addClass(WorkerMetrics.class)
            .addAsWebInfResource(resource(SchemaMigration.class, "META-INF/beans.xml"), "beans.xml")
            .addAsWebInfResource(
                resource(SchemaMigration.class, "META-INF/ejb-jar.xml"), "ejb-jar.xml");
    addResourcesUnder(war, SchemaMigration.class, "db/migration/");
    return war;
  }

  /**
   * {@link #persistence} plus alerting: the worker's alerting, notify, redis and ratelimit packages
   * (with their Lua scripts and configuration classes), the worker's
   * microprofile-config.properties, and Jedis with its dependencies. Not the stream consumer, the
   * ticker or the Worker itself: the test drives the evaluator and the dispatcher.
   */
  public static WebArchive alerting(String name) {
    WebArchive war =
        persistence(name)
            .addPackage(dev.pulse.worker.alerting.AlertBook.class.getPackage())
            .addPackage(dev.pulse.worker.notify.Dispatcher.class.getPackage())
            .addPackage(dev.pulse.worker.redis.Redis.class.getPackage())
            .addPackage(dev.pulse.worker.ratelimit.RedisRateLimiter.class.getPackage())
            .addClass("dev.pulse.worker.metric.Tags")
            .addAsLibraries(
                jar(redis.clients.jedis.RedisClient.class),
                jar(org.apache.commons.pool2.ObjectPool.class),
                jar(com.google.gson.Gson.class),
                jar(org.json.JSONObject.class),
                jar(org.slf4j.Logger.class),
                jar(redis.clients.authentication.core.TokenListener.class))
            .addAsResource(
                resource(SchemaMigration.class, "META-INF/microprofile-config.properties"),
                "META-INF/microprofile-config.properties");
    // Observations hears the stream consumer, which is not deployed.
    war.deleteClass(dev.pulse.worker.alerting.Observations.class);
    addResourcesUnder(war, SchemaMigration.class, "dev/pulse/worker/alerting/");
    addResourcesUnder(war, SchemaMigration.class, "dev/pulse/worker/ratelimit/");
    return war;
  }

  /** The jar or classes directory {@code anchor} was loaded from. */
  static File location(Class<?> anchor) {
    try {
      return new File(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The third-party jar that holds {@code anchor}. */
  static File jar(Class<?> anchor) {
    File file = location(anchor);
    if (!file.isFile()) {
      throw new IllegalStateException(anchor + " is not in a jar: " + file);
    }
    return file;
  }

  /**
   * A module of this build as a jar: the packaged jar in a reactor build ({@code mvn verify}), or
   * its classes directory when an IDE resolves the module to that.
   */
  static JavaArchive module(Class<?> anchor, String jarName) {
    File file = location(anchor);
    if (file.isFile()) {
      return ShrinkWrap.createFromZipFile(JavaArchive.class, file);
    }
    return ShrinkWrap.create(ExplodedImporter.class, jarName)
        .importDirectory(file)
        .as(JavaArchive.class);
  }

  /** One file of the jar or classes directory that holds {@code anchor}. */
  static ByteArrayAsset resource(Class<?> anchor, String path) {
    File file = location(anchor);
    try {
      if (file.isDirectory()) {
        return new ByteArrayAsset(Files.readAllBytes(file.toPath().resolve(path)));
      }
      try (ZipFile zip = new ZipFile(file)) {
        var entry = zip.getEntry(path);
        if (entry == null) {
          throw new IllegalStateException(path + " is not in " + file);
        }
        try (var in = zip.getInputStream(entry)) {
          return new ByteArrayAsset(in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code prefix} in the jar or classes directory of {@code anchor}, as is. */
  static void addResourcesUnder(WebArchive war, Class<?> anchor, String prefix) {
    File file = location(anchor);
    int found = 0;
    try {
      if (file.isDirectory()) {
        Path root = file.toPath();
        try (Stream<Path> files = Files.walk(root.resolve(prefix))) {
          for (Path p : files.filter(Files::isRegularFile).toList()) {
            String name = root.relativize(p).toString().replace(File.separatorChar, '/');
            war.addAsResource(new ByteArrayAsset(Files.readAllBytes(p)), name);
            found++;
          }
        }
      } else {
        try (ZipFile zip = new ZipFile(file)) {
          for (var entry : zip.stream().toList()) {
            if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
              try (var in = zip.getInputStream(entry)) {
                war.addAsResource(new ByteArrayAsset(in.readAllBytes()), entry.getName());
              }
              found++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found == 0) {
      throw new IllegalStateException("nothing under " + prefix + " in " + file);
    }
  }
}
