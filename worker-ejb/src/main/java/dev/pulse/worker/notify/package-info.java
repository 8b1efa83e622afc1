/**
 * Delivery of notifications to channels: the webhook body, signing, sending and the network guard.
 */
package dev.pulse.worker.notify;
