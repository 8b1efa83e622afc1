package dev.pulse.worker.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * SchemaMigration applies the Flyway migrations in {@code db/migration} at start-up. Hibernate
 * never touches the schema. {@code db/callback} holds only the marker file Liberty's class loader
 * needs to resolve a folder: Flyway always looks there for SQL callbacks, whatever the
 * configuration says, and logs an error at every start when the folder cannot be resolved.
 */
@ApplicationScoped
public class SchemaMigration {

  private static final Logger LOG = System.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "jdbc/pulse")
  DataSource dataSource;

  private volatile boolean applied;

  public void migrate() {
    MigrateResult result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .callbackLocations(
                new String[0]) // no SQL callbacks; spares a scan Liberty's class loader cannot do
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.log(
        Level.INFO,
        "Schema at version {0} ({1} migrations applied now)",
        result.targetSchemaVersion,
        result.migrationsExecuted);
    applied = true;
  }

  public boolean isApplied() {
    return applied;
  }
}
