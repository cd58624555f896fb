package dev.runsapi.mock.store;

import java.util.Locale;

/**
 * The contract's case-insensitive substring test, {@code text.toLowerCase(Locale.ROOT)} contains
 * {@code term.toLowerCase(Locale.ROOT)}, without keeping a lower-cased copy of every text.
 *
 * <p>{@link String#toLowerCase(Locale)} lowers each char on its own except for three cases, where
 * the result depends on the neighbours or changes the length: capital sigma (final or not),
 * dotted capital I (one char becomes two) and surrogate pairs (lowered as one code point). A text
 * free of them ({@link #lowersCharByChar}) is searched in place, char by char; a text with them
 * needs its lowered copy, made once when the store is built.
 */
final class CaseInsensitive {
  private CaseInsensitive() {}

  /** Whether lowering {@code text} as a whole is the same as lowering each of its chars. */
  static boolean lowersCharByChar(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u03A3' || c == '\u0130' || Character.isSurrogate(c)
          || Character.toLowerCase((int) c) > Character.MAX_VALUE) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the lowered {@code text} contains {@code loweredTerm}; {@code text} must satisfy
   * {@link #lowersCharByChar}, {@code loweredTerm} is already lowered with {@link Locale#ROOT}.
   */
  static boolean containsLowered(String text, String loweredTerm) {
    int m = loweredTerm.length();
    if (m == 0) {
      return true;
    }
    char first = loweredTerm.charAt(0);
    int last = text.length() - m;
    outer:
    for (int i = 0; i <= last; i++) {
      if (Character.toLowerCase(text.charAt(i)) != first) {
        continue;
      }
      for (int j = 1; j < m; j++) {
        if (Character.toLowerCase(text.charAt(i + j)) != loweredTerm.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
