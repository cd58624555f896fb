package dev.runsapi.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Percent-encoding done by hand, so that junk, empty and repeated parameters reach the server exactly
 * as meant: every byte of the UTF-8 form except the unreserved characters of RFC 3986 and {@code :}
 * (legal in a query, and it keeps timestamps readable in a report) is encoded; a space is {@code %20}
 * and a plus {@code %2B}, never the other way round.
 */
public final class UrlEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    public static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    public static String queryString(List<Param> params) {
        return params.stream()
                .map(p -> p.raw() ? p.name()
                        : p.value() == null ? encode(p.name()) : encode(p.name()) + "=" + encode(p.value()))
                .collect(Collectors.joining("&"));
    }
}
