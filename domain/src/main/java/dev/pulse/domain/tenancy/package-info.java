/**
 * Tenancy: users, the projects they belong to with a role, the ingest keys of a project and the
 * refresh tokens of a user. Every event, rule and alert belongs to exactly one project.
 */
package dev.pulse.domain.tenancy;
