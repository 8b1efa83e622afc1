/** MicroProfile Health checks: liveness, readiness (Redis, PostgreSQL) and start-up (worker). */
package dev.pulse.ingest.health;
