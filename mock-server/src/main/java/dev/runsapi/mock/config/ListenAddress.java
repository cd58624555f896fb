package dev.runsapi.mock.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IP address the server listens on ({@code --host}), and the address a client on this
 * machine uses to reach it: a wildcard address ({@code 0.0.0.0}, {@code ::}) listens on every
 * interface but is no address to connect to, so the URL names 127.0.0.1 instead.
 */
public record ListenAddress(InetAddress address) {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * An IP address literal, never a host name: a name would need a lookup, and could stand for
   * another address tomorrow. Empty when {@code text} is not one.
   */
  public static Optional<ListenAddress> parse(String text) {
    String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ListenAddress(InetAddress.getByName(literal))); // a literal: no lookup
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** For a text that {@link #parse} accepted. */
  public static ListenAddress of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
  }

  /** Every interface of the machine (0.0.0.0 or ::). */
  public boolean isWildcard() {
    return address.isAnyLocalAddress();
  }

  /** Reachable from this machine only. */
  public boolean isLoopback() {
    return address.isLoopbackAddress();
  }

  /** The host part of a URL a client on this machine connects to. */
  public String urlHost() {
    if (isWildcard()) {
      return "127.0.0.1";
    }
    String host = address.getHostAddress();
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
