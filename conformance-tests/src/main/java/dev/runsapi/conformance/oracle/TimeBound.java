package dev.runsapi.conformance.oracle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time bound of a query: the instant it means and the text sent on the wire. Bounds "may use any
 * offset and any fractional precision and are compared as exact instants", so the same instant may be
 * written many ways; the oracle only looks at the instant.
 */
public record TimeBound(Instant instant, String wire) {

    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** The canonical form: UTC, as many fraction digits as the instant needs (0, 3 or 9). */
    public static TimeBound of(Instant instant) {
        return at(instant, ZoneOffset.UTC);
    }

    /** The same instant written in another offset (e.g. +05:30), which must mean the same. */
    public static TimeBound at(Instant instant, ZoneOffset offset) {
        OffsetDateTime t = instant.atOffset(offset);
        DateTimeFormatter f = t.getNano() == 0 ? SECONDS : t.getNano() % 1_000_000 == 0 ? MILLIS : NANOS;
        return new TimeBound(instant, f.format(t));
    }

    public static TimeBound parse(String wire) {
        return new TimeBound(OffsetDateTime.parse(wire).toInstant(), wire);
    }

    public TimeBound plusNanos(long nanos) {
        return of(instant.plusNanos(nanos));
    }

    @Override
    public String toString() {
        return wire;
    }
}
