/** Silences: label matchers and time windows that mute alert notifications; pure logic. */
package dev.pulse.domain.silence;
