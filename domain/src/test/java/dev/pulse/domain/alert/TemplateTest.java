package dev.pulse.domain.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static final Map<String, String> LABELS = Map.of("source", "api", "host", "h1");

  private static String render(String template) {
    return Template.render(template, LABELS, 123.0, 100.0);
  }

  @Test
  void fillsALabelByName() {
    assertEquals("Errors on api", render("Errors on {{source}}"));
  }

  @Test
  void fillsALabelByLabelsPrefixWithSpaces() {
    assertEquals("Errors on api/h1", render("Errors on {{ labels.source }}/{{labels.host}}"));
  }

  @Test
  void fillsValueAndThreshold() {
    assertEquals("123 > 100", render("{{value}} > {{ threshold }}"));
  }

  @Test
  void unknownNamesRenderEmpty() {
    assertEquals("[][]", render("[{{region}}][{{labels.region}}]"));
  }

  @Test
  void missingNumbersRenderEmpty() {
    assertEquals("v= t=", Template.render("v={{value}} t={{threshold}}", Map.of(), null, null));
  }

  @Test
  void dollarAndBackslashInValuesAreLiteral() {
    Map<String, String> labels = Map.of("source", "$1 \\ ${x} \\$0");
    assertEquals("from $1 \\ ${x} \\$0!", Template.render("from {{source}}!", labels, null, null));
  }

  @Test
  void textWithoutPlaceholdersIsUnchanged() {
    assertEquals("plain $ \\ text { } {{", render("plain $ \\ text { } {{"));
  }

  @Test
  void malformedPlaceholdersAreLeftAsWritten() {
    assertEquals("{{1x}} {{ source } {source}}", render("{{1x}} {{ source } {source}}"));
  }

  @Test
  void repeatedPlaceholdersAreAllFilled() {
    assertEquals("api api api", render("{{source}} {{ source }} {{labels.source}}"));
  }

  @Test
  void nothingIsEvaluated() {
    assertEquals("", render("{{value.toString}}"));
  }

  @ParameterizedTest
  @CsvSource({
    "100.0, 100",
    "0.0, 0",
    "-0.0, 0",
    "-3.0, -3",
    "1234567.0, 1234567",
    "12.5, 12.5",
    "0.1, 0.1",
    "-2.25, -2.25",
    "1.23456789, 1.23457",
    "99.99999999, 100",
    "123456.7, 123457",
    "0.000123456789, 0.000123457",
    "3.14159265, 3.14159"
  })
  void numbersAreWholeWithoutFractionOtherwiseSixSignificantDigits(double v, String text) {
    assertEquals(text, Template.number(v));
  }

  @Test
  void nonFiniteNumbersRenderWithoutFailing() {
    assertEquals("NaN", Template.number(Double.NaN));
    assertEquals("Infinity", Template.number(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", Template.number(Double.NEGATIVE_INFINITY));
  }
}
