/**
 * Who is calling and what they may touch: access tokens issued here and verified by the container
 * (MicroProfile JWT), ingest keys, project roles, login throttling and ingest quotas. Every
 * resource asks {@link dev.pulse.ingest.auth.Access} before it reads or writes project data.
 */
package dev.pulse.ingest.auth;
