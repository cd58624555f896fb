package dev.runsapi.mock.query;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string split into its parameters exactly as sent: every occurrence of every name, in
 * order, decoded as {@code application/x-www-form-urlencoded} ({@code +} is a space). The mock
 * reads this and not the servlet's parameter map, because the contract decides on things a
 * framework smooths over: a repeated single-valued parameter, an empty value, a value that is not
 * validly percent-encoded: a {@code %} without two hex digits, or bytes that are not UTF-8 (which
 * {@link java.net.URLDecoder} would silently turn into U+FFFD).
 */
public final class RawQuery {
  /** Marks a value that could not be percent-decoded. */
  public static final String UNDECODABLE = new String("\u0000undecodable");

  private final Map<String, List<String>> values;

  private RawQuery(Map<String, List<String>> values) {
    this.values = values;
  }

  public static RawQuery parse(String queryString) {
    return parse(queryString, false);
  }

  /**
   * With {@code replaceBadUtf8} (the defect percent-utf8-replaced), bytes that are not UTF-8 are
   * decoded to U+FFFD instead of making the value undecodable.
   */
  public static RawQuery parse(String queryString, boolean replaceBadUtf8) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (queryString != null && !queryString.isEmpty()) {
      for (String pair : queryString.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
        String name = decode(rawName, replaceBadUtf8);
        if (name == UNDECODABLE) {
          continue; // a name that cannot be read is no parameter the contract knows
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(decode(rawValue, replaceBadUtf8));
      }
    }
    return new RawQuery(values);
  }

  private static String decode(String raw, boolean replaceBadUtf8) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
        int lo = hi < 0 ? -1 : hex(raw.charAt(i + 2));
        if (lo < 0) {
          return UNDECODABLE;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
        bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    CodingErrorAction onError = replaceBadUtf8 ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(onError).onUnmappableCharacter(onError);
    try {
      return utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return UNDECODABLE;
    }
  }

  /** The value of an ASCII hex digit, else -1 (Character.digit would take other scripts' digits). */
  private static int hex(char c) {
    return c <= 'f' ? Character.digit(c, 16) : -1;
  }

  /** Every value sent for {@code name}, in order; empty when it was not sent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public static boolean isUndecodable(String value) {
    return value == UNDECODABLE;
  }
}
