package dev.pulse.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRulesTest {

  private static final String TYPE_RULE = "type must be 1-100 characters of [A-Za-z0-9_.:-]";
  private static final String SOURCE_RULE = "source must be 1-200 characters of [A-Za-z0-9_.:/@-]";

  // --- type ---------------------------------------------------------------------------------

  @Test
  void acceptsTypeMadeOfEveryAllowedCharacter() {
    assertEquals(List.of(), EventRules.checkType("ABCxyz019_.:-"));
  }

  @Test
  void acceptsTypeOfExactly100Characters() {
    assertEquals(List.of(), EventRules.checkType("t".repeat(100)));
  }

  @Test
  void rejectsTypeOf101Characters() {
    assertEquals(List.of(new FieldError("type", TYPE_RULE)), EventRules.checkType("t".repeat(101)));
  }

  @Test
  void acceptsTypeOfOneCharacter() {
    assertEquals(List.of(), EventRules.checkType("a"));
  }

  @Test
  void rejectsTypeWithSpaces() {
    assertEquals(List.of(new FieldError("type", TYPE_RULE)), EventRules.checkType("user signup"));
  }

  @Test
  void rejectsTypeWithSlashOrAtThatOnlySourcesAllow() {
    assertEquals(List.of(new FieldError("type", TYPE_RULE)), EventRules.checkType("a/b"));
    assertEquals(List.of(new FieldError("type", TYPE_RULE)), EventRules.checkType("a@b"));
  }

  @Test
  void rejectsTypeWithNonAsciiLetter() {
    assertEquals(List.of(new FieldError("type", TYPE_RULE)), EventRules.checkType("café"));
  }

  @Test
  void rejectsTypeWithTrailingNewline() {
    assertEquals(List.of(new FieldError("type", TYPE_RULE)), EventRules.checkType("signup\n"));
  }

  @Test
  void reportsMissingTypeAsRequired() {
    assertEquals(List.of(new FieldError("type", "type is required")), EventRules.checkType(null));
  }

  @Test
  void reportsEmptyTypeAsRequired() {
    assertEquals(List.of(new FieldError("type", "type is required")), EventRules.checkType(""));
  }

  // --- source -------------------------------------------------------------------------------

  @Test
  void acceptsSourceMadeOfEveryAllowedCharacter() {
    assertEquals(List.of(), EventRules.checkSource("svc/api@host-1.eu_west:8080"));
  }

  @Test
  void acceptsSourceOfExactly200Characters() {
    assertEquals(List.of(), EventRules.checkSource("s".repeat(200)));
  }

  @Test
  void rejectsSourceOf201Characters() {
    assertEquals(
        List.of(new FieldError("source", SOURCE_RULE)), EventRules.checkSource("s".repeat(201)));
  }

  @Test
  void rejectsSourceWithSpaces() {
    assertEquals(List.of(new FieldError("source", SOURCE_RULE)), EventRules.checkSource("my host"));
  }

  @Test
  void rejectsSourceWithCharactersOutsideItsCharset() {
    assertEquals(List.of(new FieldError("source", SOURCE_RULE)), EventRules.checkSource("host#1"));
    assertEquals(
        List.of(new FieldError("source", SOURCE_RULE)), EventRules.checkSource("host?x=1"));
  }

  @Test
  void reportsMissingOrEmptySourceAsRequired() {
    assertEquals(
        List.of(new FieldError("source", "source is required")), EventRules.checkSource(null));
    assertEquals(
        List.of(new FieldError("source", "source is required")), EventRules.checkSource(""));
  }

  // --- tags ---------------------------------------------------------------------------------

  @Test
  void acceptsNoTags() {
    assertEquals(List.of(), EventRules.checkTags(Map.of()));
  }

  @Test
  void accepts32Tags() {
    assertEquals(List.of(), EventRules.checkTags(tags(32)));
  }

  @Test
  void rejects33Tags() {
    assertEquals(
        List.of(new FieldError("tags", "at most 32 tags, got 33")), EventRules.checkTags(tags(33)));
  }

  @Test
  void acceptsTagKeyOf100CharactersAndValueOf256() {
    assertEquals(List.of(), EventRules.checkTags(Map.of("k".repeat(100), "v".repeat(256))));
  }

  @Test
  void rejectsTagKeyOf101Characters() {
    String key = "k".repeat(101);
    List<FieldError> errors = EventRules.checkTags(Map.of(key, "v"));
    assertEquals(
        List.of(new FieldError("tags." + key, "tag keys are 1-100 characters of [A-Za-z0-9_.:-]")),
        errors);
  }

  @Test
  void rejectsEmptyTagKey() {
    List<FieldError> errors = EventRules.checkTags(Map.of("", "v"));
    assertEquals(
        List.of(new FieldError("tags.", "tag keys are 1-100 characters of [A-Za-z0-9_.:-]")),
        errors);
  }

  @Test
  void rejectsTagKeyWithSpacesOrSlash() {
    assertEquals(1, EventRules.checkTags(Map.of("my key", "v")).size());
    assertEquals("tags.a/b", EventRules.checkTags(Map.of("a/b", "v")).get(0).field());
  }

  @Test
  void rejectsTagValueOf257Characters() {
    List<FieldError> errors = EventRules.checkTags(Map.of("env", "v".repeat(257)));
    assertEquals(
        List.of(new FieldError("tags.env", "tag values are at most 256 characters")), errors);
  }

  @Test
  void acceptsEmptyTagValueAndAnyCharactersInValues() {
    assertEquals(List.of(), EventRules.checkTags(Map.of("a", "", "b", "any text / with spaces ✓")));
  }

  @Test
  void reportsBadKeyAndLongValueOfTheSameTagSeparately() {
    List<FieldError> errors = EventRules.checkTags(Map.of("bad key", "v".repeat(257)));
    assertEquals(2, errors.size());
    assertTrue(errors.stream().allMatch(e -> e.field().equals("tags.bad key")));
  }

  @Test
  void reportsTooManyTagsTogetherWithPerTagErrors() {
    Map<String, String> tags = tags(32);
    tags.put("bad key", "v");
    List<FieldError> errors = EventRules.checkTags(tags);
    assertEquals(
        List.of(
            new FieldError("tags", "at most 32 tags, got 33"),
            new FieldError("tags.bad key", "tag keys are 1-100 characters of [A-Za-z0-9_.:-]")),
        errors);
  }

  // --- payload ------------------------------------------------------------------------------

  @Test
  void acceptsPayloadOfExactly64KiB() {
    assertEquals(List.of(), EventRules.checkPayloadSize(65_536));
  }

  @Test
  void rejectsPayloadOneByteOver64KiB() {
    assertEquals(
        List.of(new FieldError("payload", "payload is 65537 bytes; at most 65536 are allowed")),
        EventRules.checkPayloadSize(65_537));
  }

  @Test
  void acceptsEmptyPayload() {
    assertEquals(List.of(), EventRules.checkPayloadSize(0));
  }

  private static Map<String, String> tags(int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tags.put("k" + i, "v" + i);
    }
    return tags;
  }
}
