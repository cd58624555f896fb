package dev.runsapi.mock.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of each equal value read during a load, so that names, tags, texts and users that
 * repeat from run to run are held once rather than once per run. Bounded: past {@link #LIMIT}
 * distinct values it stops remembering new ones, so a file whose every text is distinct costs
 * little more than without it. Not thread-safe; one per load.
 */
final class Canonical {
  static final int LIMIT = 1 << 16;
  private final Map<Object, Object> seen = new HashMap<>();

  /** The first equal value seen, or {@code value} itself; null stays null. */
  @SuppressWarnings("unchecked")
  <T> T of(T value) {
    if (value == null) {
      return null;
    }
    Object known = seen.get(value);
    if (known != null) {
      return (T) known;
    }
    if (seen.size() < LIMIT) {
      seen.put(value, value);
    }
    return value;
  }

  /** An unmodifiable list of canonical tags, itself canonical. */
  List<String> tags(List<String> tags) {
    List<String> each = new ArrayList<>(tags.size());
    for (String tag : tags) {
      each.add(of(tag));
    }
    return of(List.copyOf(each));
  }
}
