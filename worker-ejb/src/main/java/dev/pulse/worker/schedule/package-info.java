/** Timer EJBs: periodic housekeeping of the stream and the events table. */
package dev.pulse.worker.schedule;
