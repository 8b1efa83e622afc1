/**
 * Metric samples on the worker side: persisting them from the stream with their series, keeping
 * each series' latest value in Redis, rolling them up into 1-minute, 5-minute and 1-hour buckets,
 * and reading samples and rollups back for the API.
 */
package dev.pulse.worker.metric;
