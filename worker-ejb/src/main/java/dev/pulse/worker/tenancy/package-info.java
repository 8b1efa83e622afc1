/**
 * Accounts, projects, memberships and ingest keys: the JPA adapters of the domain's {@code
 * AccountRepository} and {@code ProjectRepository}, the use cases that check and change under one
 * lock ({@link dev.pulse.worker.tenancy.MembershipChanges}, {@link
 * dev.pulse.worker.tenancy.AccountChanges}), the background purge of deleted projects, password
 * hashing, and the bootstrap of the configured admin and key at start-up.
 */
package dev.pulse.worker.tenancy;
