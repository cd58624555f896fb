package dev.runsapi.conformance.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A header the user asked to send with every request ({@code --header 'Name: value'}), for a gateway in
 * front of the target. Its value is treated as a secret: masked in every output unless --show-secrets.
 */
public record ExtraHeader(String name, String value) {

    /** Headers java.net.http refuses to set (jdk.httpclient.allowRestrictedHeaders): the client owns them. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final String TCHAR = "!#$%&'*+-.^_`|~";

    /**
     * Parses {@code Name: value}; the error names the header by its position (and its name when it has
     * one), never by its value, which may be a secret.
     */
    public static ExtraHeader parse(String spec, int position) {
        String which = "--header #" + position;
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return fail(which + " has no ':' between name and value (write --header 'Name: value')");
        }
        String name = spec.substring(0, colon).strip();
        String value = spec.substring(colon + 1).strip();
        if (name.isEmpty()) {
            return fail(which + " has an empty name (write --header 'Name: value')");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TCHAR.indexOf(c) >= 0;
            if (!ok) {
                return fail(which + ": the name contains '" + printable(c) + "', which a header name may not hold "
                        + "(letters, digits and !#$%&'*+-.^_`|~ only)");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(ApiRequest.KEY_HEADER.toLowerCase(Locale.ROOT))) {
            return fail(which + ": " + name + " is the contract's own credential; give the key with --api-key "
                    + "(the checks send it themselves, and leave it out or change it on purpose)");
        }
        if (RESTRICTED.contains(lower)) {
            return fail(which + ": " + name + " is set by the HTTP client itself and cannot be overridden");
        }
        if (value.isEmpty()) {
            return fail(which + " (" + name + ") has an empty value");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
            return fail(which + " (" + name + ") has a control character in its value");
        }
        return new ExtraHeader(name, value);
    }

    /** Parses each; two headers of the same name (in any case) are refused, as ambiguous. */
    public static List<ExtraHeader> parseAll(List<String> specs) {
        List<ExtraHeader> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 1;
        for (String s : specs) {
            if (s == null || s.isBlank()) {
                continue;
            }
            ExtraHeader h = parse(s, i++);
            if (!seen.add(h.name().toLowerCase(Locale.ROOT))) {
                fail("--header " + h.name() + " is given twice; give it once (join values as the header's own "
                        + "syntax says, e.g. one Cookie header 'a=1; b=2')");
            }
            out.add(h);
        }
        return List.copyOf(out);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static ExtraHeader fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
