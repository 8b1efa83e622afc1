package dev.pulse.gateway.live;

import jakarta.websocket.CloseReason;

/** Closing lists Pulse's own close codes (4000–4999, the range RFC 6455 leaves to applications). */
enum Closing {
  /** The token is missing, expired or was never valid. */
  UNAUTHORIZED(4401),
  /** The user is no longer a member of a project the connection is subscribed to. */
  FORBIDDEN(4403),
  /** The user already has the maximum number of connections. */
  TOO_MANY(4429);

  private final int code;

  Closing(int code) {
    this.code = code;
  }

  CloseReason reason(String phrase) {
    // A close frame's reason is at most 123 bytes.
    String p = phrase.length() > 120 ? phrase.substring(0, 120) : phrase;
    return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), p);
  }
}
