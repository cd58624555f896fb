package dev.runsapi.mock.query;

import java.net.URLDecoder;
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
 * validly percent-encoded.
 */
public final class RawQuery {
  /** Marks a value that could not be percent-decoded. */
  public static final String UNDECODABLE = new String("\u0000undecodable");

  private final Map<String, List<String>> values;

  private RawQuery(Map<String, List<String>> values) {
    this.values = values;
  }

  public static RawQuery parse(String queryString) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (queryString != null && !queryString.isEmpty()) {
      for (String pair : queryString.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
        String name = decode(rawName);
        if (name == UNDECODABLE) {
          continue; // a name that cannot be read is no parameter the contract knows
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(decode(rawValue));
      }
    }
    return new RawQuery(values);
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return UNDECODABLE;
    }
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
