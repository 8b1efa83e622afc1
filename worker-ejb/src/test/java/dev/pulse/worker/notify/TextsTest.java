package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The dashboard link of an alert: the page's own fragment, project and alert id. */
class TextsTest {

  @Test
  void anAlertLinkOpensTheAlertInItsProjectOnTheDashboard() {
    assertEquals(
        "https://pulse.example/live/#project=shop&alert=3f2c9a4e-1b7d-4c55-9a0e-2d6f8b1c7e90",
        Texts.link("https://pulse.example", "shop", "3f2c9a4e-1b7d-4c55-9a0e-2d6f8b1c7e90"));
  }

  @Test
  void valuesAreEncodedAsTheDashboardDecodesThem() {
    assertEquals(
        "https://pulse.example/live/#project=a%26b+c%3Dd%23e&alert=x%2Fy",
        Texts.link("https://pulse.example", "a&b c=d#e", "x/y"));
  }

  @Test
  void aTestNoticeOrAnAlertWithoutProjectLinksToTheDashboard() {
    assertEquals(
        "https://pulse.example/live/", Texts.link("https://pulse.example", "shop", "test"));
    assertEquals("https://pulse.example/live/", Texts.link("https://pulse.example", "shop", null));
    assertEquals("https://pulse.example/live/", Texts.link("https://pulse.example", null, "a1"));
  }
}
