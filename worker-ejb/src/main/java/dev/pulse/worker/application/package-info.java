/**
 * The application tier: the use cases the web modules call, and the only part of the worker they
 * may use (with the domain). Each bean is one capability (accounts, memberships, alerts, rules,
 * silences, channels, metric queries, the live feed); it owns the transaction and calls the
 * domain's ports and the worker's adapters, so the web modules never see JDBC, JPA or Redis.
 */
package dev.pulse.worker.application;
