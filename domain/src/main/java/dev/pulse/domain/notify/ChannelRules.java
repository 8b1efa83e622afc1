package dev.pulse.domain.notify;

import dev.pulse.domain.event.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ChannelRules checks a channel as written: a name and a type; for {@code webhook} and {@code
 * slack} an absolute http(s) URL without credentials, for {@code email} 1–20 addresses; headers (at
 * most 20, token names) and a secret of 16–200 characters for webhooks only; grouping labels and
 * durations; a fallback other than the channel itself. Whether the URL's address may be reached is
 * the network guard's call, and whether fallbacks form a cycle the repository's.
 */
public final class ChannelRules {

  public static final Set<String> TYPES = Set.of(Channel.WEBHOOK, Channel.SLACK, Channel.EMAIL);
  public static final int MAX_RECIPIENTS = 20;
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,100}");
  // Deliberately plain: a local part without spaces, quotes or brackets, and a dotted domain.
  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
  private static final Set<String> RESERVED =
      Set.of(
          "content-type", "content-length", "host", "x-pulse-signature", "x-pulse-notification-id");

  private ChannelRules() {}

  public static List<FieldError> check(Channel ch) {
    List<FieldError> e = new ArrayList<>();
    if (ch.name() == null || ch.name().isBlank() || ch.name().length() > 200) {
      e.add(new FieldError("name", "name is required (at most 200 characters)"));
    }
    if (!TYPES.contains(ch.type())) {
      e.add(new FieldError("type", "type must be one of " + TYPES.stream().sorted().toList()));
      return e;
    }
    if (Channel.EMAIL.equals(ch.type())) {
      checkRecipients(ch.recipients(), e);
    } else {
      checkUrl(ch.url()).ifPresent(e::add);
    }
    if (Channel.WEBHOOK.equals(ch.type())) {
      checkHeaders(ch.headers(), e);
      if (ch.secret() != null && (ch.secret().length() < 16 || ch.secret().length() > 200)) {
        e.add(new FieldError("secret", "secret must be 16 to 200 characters"));
      }
    } else {
      if (!ch.headers().isEmpty()) {
        e.add(new FieldError("headers", "headers are for webhook channels only"));
      }
      if (ch.secret() != null) {
        e.add(new FieldError("secret", "secret is for webhook channels only"));
      }
    }
    if (ch.grouping() != null) {
      checkGrouping(ch.grouping(), e);
    }
    if (ch.fallback() != null && ch.fallback().equals(ch.id())) {
      e.add(new FieldError("fallback", "a channel cannot be its own fallback"));
    }
    return e;
  }

  /** Whether the text is an address email channels accept. */
  public static boolean isAddress(String address) {
    return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
  }

  private static void checkRecipients(List<String> recipients, List<FieldError> e) {
    if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
      e.add(new FieldError("recipients", "1 to " + MAX_RECIPIENTS + " email addresses"));
    }
    for (int i = 0; i < recipients.size(); i++) {
      if (!isAddress(recipients.get(i))) {
        e.add(new FieldError("recipients[" + i + "]", "not an email address"));
      }
    }
  }

  private static void checkHeaders(Map<String, String> headers, List<FieldError> e) {
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

  private static void checkGrouping(Grouping g, List<FieldError> e) {
    if (g.by().size() > 20) {
      e.add(new FieldError("group_by", "at most 20 labels"));
    }
    for (int i = 0; i < g.by().size(); i++) {
      String label = g.by().get(i);
      if (label == null || label.isBlank() || label.length() > 100) {
        e.add(new FieldError("group_by[" + i + "]", "a label name of 1 to 100 characters"));
      } else if (Grouping.ALL_LABELS.equals(label) && g.by().size() > 1) {
        e.add(new FieldError("group_by[" + i + "]", "\"...\" (all labels) must stand alone"));
      }
    }
    within(g.groupWait(), Duration.ZERO, Duration.ofHours(1), "group_wait", e);
    within(g.groupInterval(), Duration.ofSeconds(1), Duration.ofDays(1), "group_interval", e);
    within(g.repeatInterval(), Duration.ofSeconds(1), Duration.ofDays(30), "repeat_interval", e);
  }

  private static void within(
      Duration d, Duration min, Duration max, String field, List<FieldError> e) {
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      e.add(new FieldError(field, field + " must be from " + min + " to " + max));
    }
  }

  private static Optional<FieldError> checkUrl(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of(new FieldError("url", "url is required"));
    }
    try {
      URI u = new URI(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null
          || u.getUserInfo() != null
          || url.length() > 2000) {
        return Optional.of(
            new FieldError("url", "url must be an absolute http(s) URL without credentials"));
      }
    } catch (URISyntaxException bad) {
      return Optional.of(new FieldError("url", "url is not a valid URL"));
    }
    return Optional.empty();
  }
}
