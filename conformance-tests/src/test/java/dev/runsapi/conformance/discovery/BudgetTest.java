package dev.runsapi.conformance.discovery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetTest {

    @Test
    void smallRuns_readAsBefore_pagesOf1000AndA1500RunBaseline() {
        Budget b = Budget.forRunsOf(600, 1500);
        assertEquals(1000, b.pageSize());
        assertFalse(b.binds());
        assertEquals(1000, b.limit(1000));
        assertEquals(700, b.limit(700));
        assertFalse(b.full(1499, 900_000));
        assertTrue(b.full(1500, 900_000));
    }

    @Test
    void bigRuns_pagesOfAbout4MbAndABaselineOf8MbButAtLeast120Runs() {
        Budget b = Budget.forRunsOf(64 * 1024, 1500);
        assertEquals(64, b.pageSize());
        assertTrue(b.binds());
        assertEquals(64, b.limit(1000));
        assertEquals(50, b.limit(50));
        assertFalse(b.full(100, 9L << 20), "at least 120 runs");
        assertTrue(b.full(128, 8L << 20));
        assertFalse(b.full(127, (8L << 20) - 1));
    }

    @Test
    void hugeRuns_pagesOfOne() {
        assertEquals(1, Budget.forRunsOf(10L << 20, 1500).pageSize());
    }

    @Test
    void seen_onlyEverShrinksThePage() {
        Budget b = Budget.forRunsOf(64 * 1024, 1500);
        assertSame(b, b.seen(1000));
        assertEquals(32, b.seen(128 * 1024).pageSize());
    }
}
