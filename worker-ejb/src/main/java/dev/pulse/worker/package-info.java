/**
 * The worker: consumes the event stream, persists events to PostgreSQL, acknowledges them only
 * after commit, and keeps the stream and the table within bounds. Starts and stops with the EAR.
 */
package dev.pulse.worker;
