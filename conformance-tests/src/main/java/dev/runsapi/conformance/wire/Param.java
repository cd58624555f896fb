package dev.runsapi.conformance.wire;

/**
 * One query parameter as sent, in order. A null value is sent as a bare name ({@code ?flag}). A raw
 * parameter is a query segment sent exactly as written, unencoded ({@code search=%C3}, {@code a;b}), for
 * the edge inputs whose point is their encoding.
 */
public record Param(String name, String value, boolean raw) {

    public Param(String name, String value) {
        this(name, value, false);
    }

    public static Param of(String name, String value) {
        return new Param(name, value);
    }

    /** A query segment sent as written: the caller is responsible for it being a legal request target. */
    public static Param raw(String segment) {
        return new Param(segment, null, true);
    }
}
