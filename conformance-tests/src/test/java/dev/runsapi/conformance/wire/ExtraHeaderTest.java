package dev.runsapi.conformance.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtraHeaderTest {

    @Test
    void parse_trimsNameAndValue_andKeepsColonsInTheValue() {
        assertEquals(new ExtraHeader("Authorization", "Basic a:b"), ExtraHeader.parse("Authorization:  Basic a:b ", 1));
    }

    @Test
    void parse_refusesTheKeyHeaderInAnyCase_andRestrictedHeaders() {
        for (String bad : List.of("X-API-Key: k", "x-api-key: k", "X-Api-KEY: k", "Host: h", "Connection: close",
                "Content-Length: 1", "Expect: 100-continue", "Upgrade: h2c")) {
            assertThrows(IllegalArgumentException.class, () -> ExtraHeader.parse(bad, 1), bad);
        }
    }

    @Test
    void parse_refusesMalformedOnes_namingThePositionNotTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtraHeader.parseAll(List.of("A: 1", "s3cr3t-value")));
        assertTrue(e.getMessage().startsWith("--header #2 has no ':'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExtraHeader.parse("Na(me: v", 1));
        assertThrows(IllegalArgumentException.class, () -> ExtraHeader.parse("Name:", 1));
        assertThrows(IllegalArgumentException.class, () -> ExtraHeader.parse("Name: a\u0001b", 1));
    }

    @Test
    void parseAll_skipsBlankLines_andRefusesTheSameNameTwice() {
        assertEquals(2, ExtraHeader.parseAll(List.of("A: 1", "", "B: 2")).size());
        assertThrows(IllegalArgumentException.class, () -> ExtraHeader.parseAll(List.of("Cookie: a=1", "COOKIE: b=2")));
    }
}
