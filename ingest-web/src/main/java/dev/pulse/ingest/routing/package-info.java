/**
 * Which HTTP methods each path of the REST API allows, read from the resource classes, so that a
 * method a path does not allow is answered 405 with {@code Allow} on every path.
 */
package dev.pulse.ingest.routing;
