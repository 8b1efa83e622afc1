/** The live gateway: the WebSocket endpoint in {@code live}, the dashboard's static files. */
package dev.pulse.gateway;
