/**
 * The Redis side of the pipeline: the event stream and its consumer group, the consumer loops,
 * pending-entry reclaiming and the dead-letter stream. The only package that speaks Redis.
 */
package dev.pulse.worker.stream;
