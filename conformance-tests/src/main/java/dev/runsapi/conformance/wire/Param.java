package dev.runsapi.conformance.wire;

/** One query parameter as sent, in order. A null value is sent as a bare name ({@code ?flag}). */
public record Param(String name, String value) {

    public static Param of(String name, String value) {
        return new Param(name, value);
    }
}
