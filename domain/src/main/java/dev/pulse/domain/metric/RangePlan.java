package dev.pulse.domain.metric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * RangePlan splits a time range into the cheapest exact reads: whole rollup buckets, coarsest
 * first, wherever they fit inside the range and the rollups are known to be up to date, and raw
 * samples for the rest — the sub-minute edges and the part after {@code rolledUpTo}. Summing the
 * pieces counts every sample of {@code [from, to)} exactly once.
 */
public final class RangePlan {

  /** One read: samples of {@code [from, to)}, from raw rows or from buckets of {@code step}. */
  public record Piece(Step step, Instant from, Instant to) {}

  private RangePlan() {}

  /**
   * @param rolledUpTo every sample persisted before this instant is in the rollups
   */
  public static List<Piece> of(Instant from, Instant to, Instant rolledUpTo) {
    List<Piece> pieces = new ArrayList<>();
    if (!from.isBefore(to)) {
      return pieces;
    }
    Instant upTo = rolledUpTo == null || rolledUpTo.isAfter(to) ? to : rolledUpTo;
    Instant start = Step.MINUTE.ceil(from);
    Instant end = upTo.isAfter(from) ? Step.MINUTE.floor(upTo) : from;
    if (!start.isBefore(end)) {
      pieces.add(new Piece(Step.RAW, from, to));
      return pieces;
    }
    raw(pieces, from, start);
    decompose(pieces, start, end, Step.ROLLUPS.size() - 1);
    raw(pieces, end, to);
    return pieces;
  }

  /** {@code [a, b)}, both minute-aligned, as whole buckets of the coarsest levels that fit. */
  private static void decompose(List<Piece> pieces, Instant a, Instant b, int level) {
    if (!a.isBefore(b)) {
      return;
    }
    Step step = Step.ROLLUPS.get(level);
    if (level == 0) {
      pieces.add(new Piece(step, a, b));
      return;
    }
    Instant first = step.ceil(a);
    Instant last = step.floor(b);
    if (!first.isBefore(last)) {
      decompose(pieces, a, b, level - 1);
      return;
    }
    decompose(pieces, a, first, level - 1);
    pieces.add(new Piece(step, first, last));
    decompose(pieces, last, b, level - 1);
  }

  private static void raw(List<Piece> pieces, Instant a, Instant b) {
    if (a.isBefore(b)) {
      pieces.add(new Piece(Step.RAW, a, b));
    }
  }
}
