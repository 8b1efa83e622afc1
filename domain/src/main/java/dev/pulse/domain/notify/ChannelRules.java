package dev.pulse.domain.notify;

import dev.pulse.domain.event.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ChannelRules checks a channel as written: a name, type {@code webhook}, an absolute http(s) URL
 * without credentials, at most 20 headers with token names, and a secret of 16–200 characters.
 * Whether the URL's address may be reached is the network guard's call, not this one's.
 */
public final class ChannelRules {

  public static final Set<String> TYPES = Set.of("webhook");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,100}");
  private static final Set<String> RESERVED =
      Set.of(
          "content-type", "content-length", "host", "x-pulse-signature", "x-pulse-notification-id");

  private ChannelRules() {}

  public static List<FieldError> check(
      String name, String type, String url, Map<String, String> headers, String secret) {
    List<FieldError> e = new ArrayList<>();
    if (name == null || name.isBlank() || name.length() > 200) {
      e.add(new FieldError("name", "name is required (at most 200 characters)"));
    }
    if (!TYPES.contains(type)) {
      e.add(new FieldError("type", "type must be one of " + TYPES));
    }
    checkUrl(url).ifPresent(e::add);
    if (headers != null) {
      if (headers.size() > 20) {
        e.add(new FieldError("headers", "at most 20 headers"));
      }
      headers.forEach(
          (k, v) -> {
            if (!HEADER.matcher(k).matches() || RESERVED.contains(k.toLowerCase())) {
              e.add(new FieldError("headers", "header " + k + " is not a name Pulse may send"));
            } else if (v == null || v.length() > 4000 || v.chars().anyMatch(c -> c < 32)) {
              e.add(new FieldError("headers." + k, "must be one line of at most 4000 characters"));
            }
          });
    }
    if (secret != null && (secret.length() < 16 || secret.length() > 200)) {
      e.add(new FieldError("secret", "secret must be 16 to 200 characters"));
    }
    return e;
  }

  private static java.util.Optional<FieldError> checkUrl(String url) {
    if (url == null || url.isBlank()) {
      return java.util.Optional.of(new FieldError("url", "url is required"));
    }
    try {
      URI u = new URI(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null
          || u.getUserInfo() != null
          || url.length() > 2000) {
        return java.util.Optional.of(
            new FieldError("url", "url must be an absolute http(s) URL without credentials"));
      }
    } catch (URISyntaxException bad) {
      return java.util.Optional.of(new FieldError("url", "url is not a valid URL"));
    }
    return java.util.Optional.empty();
  }
}
