/**
 * Accounts, projects, memberships and ingest keys: the JPA adapters of the domain's {@code
 * AccountRepository} and {@code ProjectRepository}, the background purge of deleted projects, and
 * the bootstrap of the configured admin and key at start-up. The use cases that change accounts and
 * memberships are the application tier's ({@code dev.pulse.worker.application}).
 */
package dev.pulse.worker.tenancy;
