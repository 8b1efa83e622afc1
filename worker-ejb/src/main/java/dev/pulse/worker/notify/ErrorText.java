package dev.pulse.worker.notify;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ErrorText turns what went wrong in a delivery into a short, single-line message that is safe to
 * store and show: the secret, every header value and the url's path and query are redacted, and the
 * text is cut to 500 characters.
 */
final class ErrorText {

  static final int MAX_LENGTH = 500;
  static final int MAX_BODY_CHARS = 200;
  private static final String REDACTED = "[redacted]";

  private final List<String> hidden = new ArrayList<>();

  ErrorText(URI url, Map<String, String> headers, String secret) {
    hide(secret);
    if (headers != null) {
      headers.values().forEach(this::hide);
    }
    if (url != null) {
      hide(url.getRawUserInfo());
      hide(url.getRawQuery());
      if (url.getRawPath() != null && url.getRawPath().length() > 1) {
        hide(url.getRawPath());
      }
    }
    hidden.sort(Comparator.comparingInt(String::length).reversed());
  }

  /** "HTTP 500" followed by the start of the response body, if it has any text. */
  String httpError(int status, byte[] body) {
    String text = oneLine(new String(body, StandardCharsets.UTF_8));
    if (text.length() > MAX_BODY_CHARS) {
      int end =
          Character.isHighSurrogate(text.charAt(MAX_BODY_CHARS - 1))
              ? MAX_BODY_CHARS - 1
              : MAX_BODY_CHARS;
      text = text.substring(0, end);
    }
    text = redact(text);
    return cut(text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + text);
  }

  /** The exception's simple class name and the first message found along its causes. */
  String exception(Throwable error) {
    String message = null;
    for (Throwable t = error; t != null && message == null; t = t.getCause()) {
      message = t.getMessage();
    }
    String name = error.getClass().getSimpleName();
    if (message == null) {
      message = fallbackMessage(error);
    }
    return cut(message == null ? name : name + ": " + redact(oneLine(message)));
  }

  /** The JDK's HTTP client often throws without any message; say what such exceptions mean. */
  private static String fallbackMessage(Throwable error) {
    if (error instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (error instanceof HttpTimeoutException) {
      return "request timed out";
    }
    if (error instanceof ConnectException) {
      return "connection refused";
    }
    if (error instanceof ClosedChannelException || error instanceof EOFException) {
      return "connection closed";
    }
    return null;
  }

  /** A message of our own, with any part that could carry a secret redacted. */
  String plain(String message) {
    return cut(redact(oneLine(message)));
  }

  private void hide(String value) {
    if (value != null && !value.isBlank()) {
      hidden.add(value);
    }
  }

  private String redact(String text) {
    for (String secret : hidden) {
      text = text.replace(secret, REDACTED);
    }
    return text;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}+", " ").replaceAll(" {2,}", " ").strip();
  }

  private static String cut(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }
}
