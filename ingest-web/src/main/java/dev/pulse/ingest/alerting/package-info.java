/**
 * The alerting API under {@code /api/v1/projects/{project}}: rules, notification channels, alerts
 * with their history, silences and the notification log.
 */
package dev.pulse.ingest.alerting;
