/** Notification delivery rules: retry timing; pure logic. */
package dev.pulse.domain.notify;
