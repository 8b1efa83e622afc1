package dev.pulse.gateway.live;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * LiveHandshake verifies the access token of an opening handshake, from {@code ?token=} or a {@code
 * bearer.<token>} subprotocol, and hands the viewer to the session through the per-connection user
 * properties (WebSocket 2.1). It selects {@code pulse.v1} when offered, so the token is not echoed
 * back. {@link LiveHandshakeFilter} has already refused bad tokens with 401.
 */
public class LiveHandshake extends ServerEndpointConfig.Configurator {

  static final String VIEWER = "pulse.viewer";
  static final String PROTOCOL = "pulse.v1";
  static final String BEARER = "bearer.";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    String token = token(request.getParameterMap(), request.getHeaders());
    CDI.current()
        .select(TokenVerifier.class)
        .get()
        .verify(token)
        .ifPresent(viewer -> config.getUserProperties().put(VIEWER, viewer));
  }

  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    if (requested.contains(PROTOCOL)) {
      return PROTOCOL;
    }
    return requested.stream().filter(p -> p.startsWith(BEARER)).findFirst().orElse("");
  }

  /** The token of a handshake: the query parameter, else the bearer subprotocol; null if none. */
  static String token(Map<String, List<String>> parameters, Map<String, List<String>> headers) {
    List<String> query = parameters.get("token");
    if (query != null && !query.isEmpty() && !query.get(0).isBlank()) {
      return query.get(0);
    }
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if ("Sec-WebSocket-Protocol".equalsIgnoreCase(h.getKey())) {
        for (String value : h.getValue()) {
          for (String protocol : value.split(",")) {
            String p = protocol.trim();
            if (p.startsWith(BEARER) && p.length() > BEARER.length()) {
              return p.substring(BEARER.length());
            }
          }
        }
      }
    }
    return null;
  }
}
