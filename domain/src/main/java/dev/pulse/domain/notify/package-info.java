/** Notifications: the channels that receive them, their validation, and retry timing. */
package dev.pulse.domain.notify;
