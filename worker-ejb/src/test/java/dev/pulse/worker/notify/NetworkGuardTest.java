package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkGuardTest {

  /** Resolves host names from a fixed table, the way DNS would, without touching the network. */
  private static final Map<String, String[]> DNS =
      Map.of(
          "public.example", new String[] {"8.8.8.8"},
          "mixed.example", new String[] {"8.8.8.8", "169.254.169.254"},
          "private-then-link-local.example", new String[] {"10.0.0.1", "169.254.1.1"});

  private static Optional<String> refusal(String url, boolean allowPrivate) {
    return NetworkGuard.refusal(URI.create(url), allowPrivate, NetworkGuardTest::resolve);
  }

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] literals = DNS.get(host);
    if (literals == null) {
      if (host.contains(".invalid")) {
        throw new UnknownHostException(host);
      }
      literals = new String[] {host}; // an address literal resolves to itself
    }
    InetAddress[] addresses = new InetAddress[literals.length];
    for (int i = 0; i < literals.length; i++) {
      addresses[i] = InetAddress.getByName(literals[i]); // literals never hit DNS
    }
    return addresses;
  }

  @Test
  void allowsAPublicAddress() {
    assertEquals(Optional.empty(), refusal("https://8.8.8.8/hook", false));
    assertEquals(Optional.empty(), refusal("http://public.example:8080/hook?x=1", false));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://255.255.255.255/"
      })
  void refusesMetadataLinkLocalAndUnroutableEvenWhenPrivateNetworksAreAllowed(String url) {
    Optional<String> refusal = refusal(url, true);
    assertTrue(refusal.isPresent(), url);
    assertTrue(refusal.get().endsWith("which is never allowed"), refusal.get());
  }

  @Test
  void namesTheReasonAndTheAddress() {
    assertEquals(
        Optional.of(
            "the url resolves to a link-local address (169.254.169.254), which is never allowed"),
        refusal("http://169.254.169.254/", true));
    assertEquals(
        Optional.of(
            "the url resolves to a cloud metadata address (fd00:ec2:0:0:0:0:0:254), which is"
                + " never allowed"),
        refusal("http://[fd00:ec2::254]/", true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9090/",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://192.168.1.1/",
        "http://172.20.0.1/",
        "http://100.64.0.1/",
        "http://[fd12:3456::1]/",
        "http://[::ffff:10.1.2.3]/"
      })
  void refusesLoopbackAndPrivateAddressesUnlessAllowed(String url) {
    assertTrue(refusal(url, false).orElseThrow().endsWith("which this channel does not allow"));
    assertEquals(Optional.empty(), refusal(url, true), url);
  }

  @Test
  void rangeBoundariesAreExact() {
    assertEquals(Optional.empty(), refusal("http://172.32.0.1/", false));
    assertEquals(Optional.empty(), refusal("http://172.15.255.255/", false));
    assertEquals(Optional.empty(), refusal("http://100.128.0.1/", false));
    assertEquals(Optional.empty(), refusal("http://[2001:4860:4860::8888]/", false));
  }

  @Test
  void refusesWhenAnyAddressOfTheHostIsForbidden() {
    assertTrue(refusal("https://mixed.example/", true).orElseThrow().contains("169.254.169.254"));
    assertTrue(
        refusal("https://private-then-link-local.example/", false)
            .orElseThrow()
            .contains("link-local"));
  }

  @Test
  void refusesOtherSchemesUserInfoAndMissingHosts() {
    assertEquals(
        Optional.of("the url must use http or https"), refusal("ftp://public.example/", true));
    assertEquals(
        Optional.of("the url must use http or https"), refusal("file:///etc/passwd", true));
    assertTrue(refusal("https://user:pw@public.example/", true).isPresent());
    assertEquals(Optional.of("the url has no host"), refusal("http:///path", true));
  }

  @Test
  void refusesAnUnresolvableHost() {
    assertEquals(
        Optional.of("cannot resolve host nowhere.invalid"),
        refusal("https://nowhere.invalid/", true));
    assertEquals(
        Optional.of("cannot resolve host empty.example"),
        NetworkGuard.refusal(URI.create("https://empty.example/"), true, h -> new InetAddress[0]));
  }
}
