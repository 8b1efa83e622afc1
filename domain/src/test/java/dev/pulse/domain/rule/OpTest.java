package dev.pulse.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpTest {

  @Test
  void greaterThanExcludesTheThreshold() {
    assertFalse(Op.GT.test(100, 100));
    assertTrue(Op.GT.test(100.0001, 100));
    assertFalse(Op.GT.test(99.9999, 100));
  }

  @Test
  void greaterOrEqualIncludesTheThreshold() {
    assertTrue(Op.GE.test(100, 100));
    assertTrue(Op.GE.test(100.0001, 100));
    assertFalse(Op.GE.test(99.9999, 100));
  }

  @Test
  void lessThanExcludesTheThreshold() {
    assertFalse(Op.LT.test(100, 100));
    assertTrue(Op.LT.test(99.9999, 100));
    assertFalse(Op.LT.test(100.0001, 100));
  }

  @Test
  void lessOrEqualIncludesTheThreshold() {
    assertTrue(Op.LE.test(100, 100));
    assertTrue(Op.LE.test(99.9999, 100));
    assertFalse(Op.LE.test(100.0001, 100));
  }

  @Test
  void equalAndNotEqual() {
    assertTrue(Op.EQ.test(100, 100));
    assertFalse(Op.EQ.test(100.0001, 100));
    assertFalse(Op.NE.test(100, 100));
    assertTrue(Op.NE.test(100.0001, 100));
  }

  @Test
  void directionOfBreach() {
    assertTrue(Op.GT.isUpward());
    assertTrue(Op.GE.isUpward());
    assertTrue(Op.LT.isDownward());
    assertTrue(Op.LE.isDownward());
    for (Op op : new Op[] {Op.EQ, Op.NE}) {
      assertFalse(op.isUpward());
      assertFalse(op.isDownward());
    }
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void parsesItsOwnSymbol(Op op) {
    assertEquals(Optional.of(op), Op.parse(op.symbol()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=", "=>", "<>", "gt", " >", "!"})
  void unknownSymbolIsEmpty(String symbol) {
    assertEquals(Optional.empty(), Op.parse(symbol));
  }

  @Test
  void nullSymbolIsEmpty() {
    assertEquals(Optional.empty(), Op.parse(null));
  }
}
