/**
 * Alerting: the rule set every node holds, the sliding windows in Redis, the evaluation after each
 * persisted batch and on a one-second tick, and the durable alert book in PostgreSQL.
 */
package dev.pulse.worker.alerting;
