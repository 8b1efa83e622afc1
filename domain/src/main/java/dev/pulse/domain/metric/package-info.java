/**
 * Metrics: numeric samples of a series (project, name, tags), their rollups into 1-minute, 5-minute
 * and 1-hour buckets with a mergeable quantile sketch, and the planning that answers a range from
 * whole buckets plus raw samples at its edges.
 */
package dev.pulse.domain.metric;
