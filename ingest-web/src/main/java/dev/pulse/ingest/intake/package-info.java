/**
 * Intake: turning request bodies into validated events and appending them durably to the stream,
 * with admission control (backlog limit, shutdown) in front. Never touches the database.
 */
package dev.pulse.ingest.intake;
