/**
 * What the worker's JDBC code shares: binding and reading values ({@link
 * dev.pulse.worker.jdbc.Sql}), what a SQLState means ({@link dev.pulse.worker.jdbc.SqlStates}) and
 * running something once the current transaction has committed ({@link
 * dev.pulse.worker.jdbc.AfterCommit}).
 */
package dev.pulse.worker.jdbc;
