package dev.runsapi.conformance.engine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenTest {

    @Test
    void ints_stayInRangeAndHitBothBounds() {
        Source s = new Source(11);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int x = Gen.ints(3, 9).generate(s);
            assertTrue(x >= 3 && x <= 9);
            seen.add(x);
        }
        assertTrue(seen.contains(3) && seen.contains(9));
    }

    @Test
    void frequency_neverPicksAZeroWeightAndFollowsWeights() {
        Source s = new Source(2);
        Gen<String> g = Gen.frequency(List.of(Gen.Weighted.of(9, Gen.constant("a")), Gen.Weighted.of(1, Gen.constant("b"))));
        int a = 0;
        for (int i = 0; i < 1000; i++) {
            if (g.generate(s).equals("a")) {
                a++;
            }
        }
        assertTrue(a > 800 && a < 980, "a picked " + a + " times");
    }

    @Test
    void distinctListOf_hasNoDuplicatesAndRespectsTheMaximum() {
        Source s = new Source(4);
        for (int i = 0; i < 100; i++) {
            List<Integer> l = Gen.distinctListOf(Gen.ints(0, 5), 0, 4).generate(s);
            assertEquals(l.size(), new HashSet<>(l).size());
            assertTrue(l.size() <= 4);
        }
    }
}
