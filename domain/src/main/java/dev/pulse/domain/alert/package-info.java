/**
 * Alerts: the state of one rule's group (inactive, pending, firing), the pure evaluation that moves
 * it on a new reading, fingerprints, annotation templates and flapping detection.
 */
package dev.pulse.domain.alert;
