package dev.pulse.domain.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountRulesTest {

  @Test
  void emailsAreComparedTrimmedAndLowerCased() {
    assertEquals("ada@example.com", AccountRules.normalizeEmail("  Ada@Example.COM "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "a da@example.com",
        "a@b@example.com",
        "a\0@example.com",
        "a@exa\tmple.com"
      })
  void refusesWhatIsNotAnEmail(String email) {
    assertEquals("email", AccountRules.checkEmail(email).get(0).field());
  }

  @Test
  void acceptsPlainEmails() {
    assertTrue(AccountRules.checkEmail("ada+pulse@mail.example.com").isEmpty());
  }

  @Test
  void passwordsNeedTwelveCharactersCountedAsCodePoints() {
    assertEquals(1, AccountRules.checkPassword("password", "elevenchars").size());
    assertTrue(AccountRules.checkPassword("password", "twelve chars").isEmpty());
    assertEquals(
        1,
        AccountRules.checkPassword("password", "\uD83D\uDD11".repeat(11)).size(),
        "11 emoji are 22 chars but 11 characters");
    assertEquals(1, AccountRules.checkPassword("password", null).size());
    assertEquals(1, AccountRules.checkPassword("password", "x".repeat(1025)).size());
  }

  @Test
  void slugsAreDerivedFromNames() {
    assertEquals("checkout-api-eu", AccountRules.slugOf("Checkout API (EU)"));
    assertEquals("cafe-creme", AccountRules.slugOf("Café Crème"));
    assertEquals("", AccountRules.slugOf("!!!"));
    assertEquals(63, AccountRules.slugOf("x".repeat(100)).length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "A", "a_b", "a.b"})
  void refusesBadSlugs(String slug) {
    assertEquals("id", AccountRules.checkSlug(slug).get(0).field());
  }

  @Test
  void acceptsSlugs() {
    assertTrue(AccountRules.checkSlug("a").isEmpty());
    assertTrue(AccountRules.checkSlug("checkout-api-2").isEmpty());
    assertEquals(1, AccountRules.checkSlug("a".repeat(64)).size());
  }

  @Test
  void quotasArePositiveOrAbsent() {
    assertTrue(AccountRules.checkEventsPerMinute(null).isEmpty());
    assertTrue(AccountRules.checkEventsPerMinute(1L).isEmpty());
    assertEquals(1, AccountRules.checkEventsPerMinute(0L).size());
    assertEquals(
        1, AccountRules.checkEventsPerMinute(AccountRules.MAX_EVENTS_PER_MINUTE + 1).size());
  }

  @Test
  void namesRefuseControlCharacters() {
    assertEquals(1, AccountRules.checkName("name", "a\nb", 200, true).size());
    assertEquals(1, AccountRules.checkName("name", " ", 200, true).size());
    assertTrue(AccountRules.checkName("name", null, 200, false).isEmpty());
  }
}
