package dev.pulse.worker.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * NetworkGuard decides whether a webhook url may be called from the worker: it must be plain http
 * or https to a named host, and none of the host's addresses may be link-local, cloud metadata,
 * unspecified, multicast or reserved; loopback and private ranges only when the channel allows.
 */
public final class NetworkGuard {

  /** Looks up every address of a host name; {@code InetAddress::getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private NetworkGuard() {}

  /** Why the url may not be called, or empty when it may; resolves the host through DNS. */
  public static Optional<String> refusal(URI url, boolean allowPrivateNetworks) {
    return refusal(url, allowPrivateNetworks, InetAddress::getAllByName);
  }

  /** As {@link #refusal(URI, boolean)}, resolving the host with {@code resolver}. */
  public static Optional<String> refusal(URI url, boolean allowPrivateNetworks, Resolver resolver) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return Optional.of("the url must use http or https");
    }
    if (url.getRawUserInfo() != null) {
      return Optional.of("the url must not contain a user name or password");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("the url has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException | SecurityException e) {
      addresses = null;
    }
    if (addresses == null || addresses.length == 0) {
      return Optional.of("cannot resolve host " + host);
    }
    String privateRefusal = null;
    for (InetAddress address : addresses) {
      AddressRange range = AddressRange.of(address);
      if (range == null) {
        continue;
      }
      String text = address.getHostAddress();
      if (range.neverAllowed()) {
        return Optional.of(
            "the url resolves to "
                + range.description()
                + " ("
                + text
                + "), which is never allowed");
      }
      if (!allowPrivateNetworks && privateRefusal == null) {
        privateRefusal =
            "the url resolves to "
                + range.description()
                + " ("
                + text
                + "), which this channel does not allow";
      }
    }
    return Optional.ofNullable(privateRefusal);
  }

  /** IPv4 addresses behind IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses. */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    boolean mapped = allZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    boolean nat64 =
        b[0] == 0
            && b[1] == 0x64
            && b[2] == (byte) 0xff
            && b[3] == (byte) 0x9b
            && allZero(b, 4, 12);
    if (!mapped && !nat64) {
      return address;
    }
    try {
      return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always a valid address
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
