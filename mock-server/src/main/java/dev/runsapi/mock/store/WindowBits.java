package dev.runsapi.mock.store;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The matching positions of one query, as a bitset over the words that cover its window [{@code
 * from}, {@code to}) only: a query touches {@code (to - from) / 64} words per filter value, however
 * many runs the app has outside the window. Filters are combined word by word (OR within one
 * filter, AND across filters); the window's own edges are masked once at the end.
 */
final class WindowBits {
  private final int from;
  private final int to;
  private final int firstWord;
  private final long[] words;
  /** Whether a filter has been applied yet; before that, every position of the window matches. */
  private boolean narrowed;

  WindowBits(int from, int to) {
    this.from = from;
    this.to = to;
    this.firstWord = from >>> 6;
    this.words = new long[to > from ? ((to + Long.SIZE - 1) >>> 6) - firstWord : 0];
  }

  /** Keeps the positions that are in at least one of {@code sets}; none when {@code sets} is empty. */
  void retainAny(List<PositionSet> sets) {
    long[] union = narrowed ? new long[words.length] : words;
    for (PositionSet set : sets) {
      set.orInto(union, firstWord);
    }
    if (narrowed) {
      and(union);
    }
    narrowed = true;
  }

  /** Keeps the positions that are in every one of {@code sets}; all when {@code sets} is empty. */
  void retainAll(List<PositionSet> sets) {
    for (PositionSet set : sets) {
      if (!narrowed) {
        set.orInto(words, firstWord);
        narrowed = true;
      } else if (set instanceof PositionSet.Dense dense) {
        dense.andInto(words, firstWord);
      } else {
        long[] members = new long[words.length];
        set.orInto(members, firstWord);
        and(members);
      }
    }
  }

  private void and(long[] other) {
    for (int i = 0; i < words.length; i++) {
      words[i] &= other[i];
    }
  }

  /**
   * Ends the set filters: cuts the window's edges (and fills the window when no filter narrowed
   * it). Call once, before reading or {@link #retainIf}.
   */
  void close() {
    if (words.length == 0) {
      return;
    }
    if (!narrowed) {
      Arrays.fill(words, -1L);
      narrowed = true;
    }
    words[0] &= -1L << from; // shifts take the low six bits: from % 64
    if ((to & 63) != 0) {
      words[words.length - 1] &= -1L >>> (Long.SIZE - (to & 63));
    }
  }

  /** Drops the positions {@code keep} rejects (the tests of a run's duration or texts). */
  void retainIf(IntPredicate keep) {
    for (int i = 0; i < words.length; i++) {
      long word = words[i];
      long kept = word;
      while (word != 0) {
        long lowest = word & -word;
        if (!keep.test(((firstWord + i) << 6) + Long.numberOfTrailingZeros(lowest))) {
          kept &= ~lowest;
        }
        word ^= lowest;
      }
      words[i] = kept;
    }
  }

  /** The number of matching positions. */
  int count() {
    int count = 0;
    for (long word : words) {
      count += Long.bitCount(word);
    }
    return count;
  }

  /**
   * Up to {@code limit} matching positions after skipping {@code offset} of them, counted from the
   * front (ascending) or from the back (descending), in that order. Whole words are skipped by
   * their population count.
   */
  int[] select(long offset, int limit, boolean descending) {
    int[] found = new int[limit];
    int n = 0;
    long skip = offset;
    for (int k = 0; k < words.length && n < limit; k++) {
      int i = descending ? words.length - 1 - k : k;
      long word = words[i];
      int bits = Long.bitCount(word);
      if (skip >= bits) {
        skip -= bits;
        continue;
      }
      while (word != 0 && n < limit) {
        int bit = descending ? 63 - Long.numberOfLeadingZeros(word) : Long.numberOfTrailingZeros(word);
        word &= ~(1L << bit);
        if (skip > 0) {
          skip--;
        } else {
          found[n++] = ((firstWord + i) << 6) + bit;
        }
      }
    }
    return n == limit ? found : Arrays.copyOf(found, n);
  }
}
