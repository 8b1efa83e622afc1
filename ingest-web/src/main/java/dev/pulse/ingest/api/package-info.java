/** The HTTP API of ingestion and event queries (JAX-RS resources and their JSON shapes). */
package dev.pulse.ingest.api;
