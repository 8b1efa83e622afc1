/**
 * Accounts, projects, memberships and ingest keys in PostgreSQL, and the password hashing they
 * need. Shared by every module of the EAR (ingest-web's REST API, the gateway's sockets, the
 * bootstrap at start-up); authorization decisions are made by the callers, not here.
 */
package dev.pulse.worker.tenancy;
