/** RFC 9457 problem details: the one shape every error of the HTTP API takes. */
package dev.pulse.ingest.problem;
