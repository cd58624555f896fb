package dev.runsapi.conformance.checks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryGenTest {

    @Test
    void flipCase_swapsLettersAndKeepsTheRest() {
        assertEquals("wHAT IS 100%_é", QueryGen.flipCase("What is 100%_É"));
    }

    @Test
    void likeProbe_putsAWildcardBetweenTwoLetters() {
        assertEquals("W%a", FilterSearchCheck.likeProbe("What"));
        assertNull(FilterSearchCheck.likeProbe("a1"));
    }

    @Test
    void safeSubstring_neverSplitsASurrogatePair() {
        String s = "a😀b";
        assertEquals("😀", QueryGen.safeSubstring(s, 2, 3));
    }
}
