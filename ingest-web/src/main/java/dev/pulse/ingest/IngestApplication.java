package dev.pulse.ingest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** IngestApplication is the JAX-RS application of ingest-web, served at the root context. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "pulse")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Pulse",
            version = "0.1.0",
            description =
                "Event ingestion: events are validated, appended durably to a Redis stream (202) and "
                    + "persisted to PostgreSQL by the worker. Errors are RFC 9457 problem details.",
            license = @License(name = "Apache-2.0")),
    tags = {
      @Tag(name = "events", description = "Send and query events"),
      @Tag(name = "auth", description = "Accounts and tokens"),
      @Tag(name = "users", description = "Your account"),
      @Tag(name = "projects", description = "Projects, members and ingest keys"),
      @Tag(name = "compatibility", description = "Formats of earlier systems")
    })
@SecurityScheme(
    securitySchemeName = "accessToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "A user's access token from POST /api/v1/auth/login (RS256, short-lived)")
@SecurityScheme(
    securitySchemeName = "ingestKey",
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    apiKeyName = "X-Pulse-Key",
    description = "A project's ingest key; Authorization: Bearer <key> works too")
public class IngestApplication extends Application {}
