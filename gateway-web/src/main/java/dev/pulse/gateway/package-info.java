/** The live gateway (WebSocket endpoints, dashboard files); only static files so far. */
package dev.pulse.gateway;
