/**
 * The account API: registration, login and token rotation, the user's own account, projects, their
 * members and their ingest keys. Authorization goes through {@link dev.pulse.ingest.auth.Access}.
 */
package dev.pulse.ingest.account;
