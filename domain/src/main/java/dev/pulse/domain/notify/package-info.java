/**
 * Notifications: the channels that receive them and their validation, retry timing, the grouping
 * arithmetic (what a group's next message says) and the circuit breaker's state machine.
 */
package dev.pulse.domain.notify;
