/**
 * Live delivery over WebSocket: the endpoint and its handshake, the per-node registry of sessions
 * and subscriptions, the Redis pub/sub feed every node listens to, and the sweeper that pings,
 * expires and re-checks sessions. Nothing here writes the database.
 */
package dev.pulse.gateway.live;
