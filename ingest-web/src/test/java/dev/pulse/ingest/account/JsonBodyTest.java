package dev.pulse.ingest.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.ingest.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  private static JsonBody body(String json) {
    return JsonBody.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTypedFieldsAndTreatsNullAsAbsent() {
    JsonBody body = body("{\"name\":\"x\",\"n\":5,\"gone\":null}");
    assertEquals("x", body.string("name"));
    assertEquals(5L, body.integer("n"));
    assertNull(body.string("gone"));
    assertNull(body.string("missing"));
    body.validate("ok");
  }

  @Test
  void collectsEveryWrongTypeInOneProblem() {
    JsonBody body = body("{\"name\":1,\"n\":1.5,\"m\":\"7\"}");
    body.string("name");
    body.integer("n");
    body.integer("m");
    ProblemException e = assertThrows(ProblemException.class, () -> body.validate("Invalid"));
    assertEquals(400, e.problem().status());
    assertEquals(3, e.problem().errors().size());
  }

  @Test
  void refusesNonObjectsAndHugeNumbers() {
    assertThrows(ProblemException.class, () -> body("[1]"));
    assertThrows(ProblemException.class, () -> body("{\"a\":1} x"));
    JsonBody big = body("{\"n\":123456789012345678901234567890}");
    big.integer("n");
    assertThrows(ProblemException.class, () -> big.validate("Invalid"));
  }
}
