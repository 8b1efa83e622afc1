/**
 * Rules: what a team wants to be alerted about — which events or metric samples, aggregated over
 * which window, compared how — their validation, and the grouping of matched records into series
 * that alert on their own.
 */
package dev.pulse.domain.rule;
