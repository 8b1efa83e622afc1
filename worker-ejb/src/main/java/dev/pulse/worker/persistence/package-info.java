/**
 * PostgreSQL through JPA/Hibernate: the idempotent event insert, event queries, retention, and the
 * Flyway schema migrations applied at start-up.
 */
package dev.pulse.worker.persistence;
