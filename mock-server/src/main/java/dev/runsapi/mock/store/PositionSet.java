package dev.runsapi.mock.store;

import java.util.Arrays;

/**
 * The positions (indexes into one app's sorted runs) that hold one value: a type, a name or a tag.
 * Dense sets are bitsets, sparse ones sorted posting lists, whichever is smaller: a bitset costs
 * one bit per run of the app, a posting list 32 bits per member, so a set with at least one
 * member in {@value #DENSE_RUNS_PER_MEMBER} runs is a bitset. Taking the smaller form bounds the
 * whole index by both "one bit per run per value" and "four bytes per membership": an app with
 * 100,000 distinct tags, each on a few runs, costs its memberships, not 100,000 bitsets.
 *
 * <p>Both forms are read the same way: OR-ed or AND-ed into a window of bitset words (see {@link
 * WindowBits}), touching only the words that cover the query's window.
 */
abstract sealed class PositionSet {
  /** A set with at least one member per this many runs is stored as a bitset. */
  static final int DENSE_RUNS_PER_MEMBER = Integer.SIZE;

  /** A set of {@code count} members out of {@code runs} in the form that takes less memory. */
  static PositionSet forCount(int count, int runs) {
    return (long) count * DENSE_RUNS_PER_MEMBER >= runs && count > 0
        ? new Dense(runs)
        : new Sparse(count);
  }

  /** Adds a position; positions are added in increasing order. */
  abstract void add(int position);

  /** ORs this set's members in words [{@code firstWord}, {@code firstWord + into.length)} into {@code into}. */
  abstract void orInto(long[] into, int firstWord);

  /** Whether this set is a bitset (tests: both forms must be exercised). */
  abstract boolean dense();

  static final class Dense extends PositionSet {
    private final long[] words;

    Dense(int runs) {
      words = new long[(runs + Long.SIZE - 1) / Long.SIZE];
    }

    @Override
    void add(int position) {
      words[position >>> 6] |= 1L << position;
    }

    @Override
    void orInto(long[] into, int firstWord) {
      for (int i = 0; i < into.length; i++) {
        into[i] |= words[firstWord + i];
      }
    }

    /** ANDs this set into {@code into} without a scratch copy (the common case of a bitset). */
    void andInto(long[] into, int firstWord) {
      for (int i = 0; i < into.length; i++) {
        into[i] &= words[firstWord + i];
      }
    }

    @Override
    boolean dense() {
      return true;
    }
  }

  static final class Sparse extends PositionSet {
    private final int[] positions;
    private int size;

    Sparse(int count) {
      positions = new int[count];
    }

    @Override
    void add(int position) {
      positions[size++] = position;
    }

    @Override
    void orInto(long[] into, int firstWord) {
      int firstPosition = firstWord * Long.SIZE;
      long end = (long) (firstWord + into.length) * Long.SIZE;
      int i = Arrays.binarySearch(positions, 0, size, firstPosition);
      for (i = i < 0 ? -i - 1 : i; i < size && positions[i] < end; i++) {
        int p = positions[i];
        into[(p >>> 6) - firstWord] |= 1L << p;
      }
    }

    @Override
    boolean dense() {
      return false;
    }
  }
}
