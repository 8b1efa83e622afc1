package dev.pulse.worker.notify;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * AddressRange names the special-purpose ranges the {@link NetworkGuard} cares about and says which
 * of them are never reachable from the worker and which only when a channel allows private
 * networks.
 */
enum AddressRange {
  LINK_LOCAL("a link-local address", true),
  CLOUD_METADATA("a cloud metadata address", true),
  UNSPECIFIED("an unspecified address", true),
  MULTICAST("a multicast address", true),
  RESERVED("a reserved or broadcast address", true),
  LOOPBACK("a loopback address", false),
  PRIVATE("a private address", false),
  SHARED("a carrier-grade NAT address", false),
  UNIQUE_LOCAL("a unique-local IPv6 address", false);

  private final String description;
  private final boolean neverAllowed;

  AddressRange(String description, boolean neverAllowed) {
    this.description = description;
    this.neverAllowed = neverAllowed;
  }

  String description() {
    return description;
  }

  boolean neverAllowed() {
    return neverAllowed;
  }

  /** The special range holding the address, or null for an ordinary public address. */
  static AddressRange of(InetAddress address) {
    InetAddress a = NetworkGuard.embeddedIpv4(address);
    int[] b = unsigned(a.getAddress());
    return a instanceof Inet4Address ? ofIpv4(b) : ofIpv6(b);
  }

  private static AddressRange ofIpv4(int[] b) {
    if (b[0] == 169 && b[1] == 254) {
      return LINK_LOCAL;
    }
    if (b[0] == 0) {
      return UNSPECIFIED; // 0.0.0.0/8, "this network"; 0.0.0.0 reaches the local host
    }
    if (b[0] >= 224) {
      return b[0] < 240 ? MULTICAST : RESERVED;
    }
    if (b[0] == 127) {
      return LOOPBACK;
    }
    if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)) {
      return PRIVATE;
    }
    if (b[0] == 100 && (b[1] & 0xc0) == 64) {
      return SHARED;
    }
    return null;
  }

  private static AddressRange ofIpv6(int[] b) {
    boolean zeroUpTo15 = true;
    for (int i = 0; i < 15; i++) {
      zeroUpTo15 &= b[i] == 0;
    }
    if (zeroUpTo15 && b[15] == 0) {
      return UNSPECIFIED;
    }
    if (zeroUpTo15 && b[15] == 1) {
      return LOOPBACK;
    }
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if (b[0] == 0xff) {
      return MULTICAST;
    }
    if (isAwsMetadata(b)) {
      return CLOUD_METADATA;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return UNIQUE_LOCAL;
    }
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return PRIVATE; // fec0::/10, the deprecated site-local range
    }
    return null;
  }

  /** fd00:ec2::254, where EC2 serves instance metadata over IPv6. */
  private static boolean isAwsMetadata(int[] b) {
    int[] metadata = {0xfd, 0, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    return Arrays.equals(b, metadata);
  }

  private static int[] unsigned(byte[] bytes) {
    int[] b = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = bytes[i] & 0xff;
    }
    return b;
  }
}
