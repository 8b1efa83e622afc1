package dev.pulse.ingest.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * EventInput documents the accepted event shape for OpenAPI. Bodies are parsed by {@code
 * EventParser}, which reports every violation by field name.
 */
@Schema(name = "EventInput", description = "An event to ingest")
public record EventInput(
    @Schema(
            format = "uuid",
            description =
                "Idempotency key; assigned when missing. The same id sent twice is stored once.")
        String id,
    @Schema(
            required = true,
            minLength = 1,
            maxLength = 100,
            pattern = "^[A-Za-z0-9_.:-]+$",
            example = "http.request")
        String type,
    @Schema(
            required = true,
            minLength = 1,
            maxLength = 200,
            pattern = "^[A-Za-z0-9_.:/@-]+$",
            example = "checkout-api")
        String source,
    @Schema(
            format = "date-time",
            description = "RFC 3339; defaults to the time of receipt",
            example = "2026-11-23T09:00:00Z")
        String timestamp,
    @Schema(example = "123.4") Double value,
    @Schema(
            maxProperties = 32,
            description =
                "At most 32 string tags; keys [A-Za-z0-9_.:-]{1,100}, values up to 256 characters",
            example = "{\"env\":\"prod\"}")
        Map<String, String> tags,
    @Schema(
            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
            description = "Free-form JSON object, at most 64 KiB")
        Object payload) {}
