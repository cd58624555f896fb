package dev.runsapi.conformance.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShrinkerTest {

    @Test
    void intsTowards_startWithTheTargetAndEndOneStepAway() {
        List<Integer> c = Shrinker.intsTowards(0).candidates(100).toList();
        assertEquals(0, c.get(0));
        assertTrue(c.contains(50));
        assertEquals(99, c.get(c.size() - 1));
        assertTrue(c.stream().allMatch(x -> x >= 0 && x < 100));
    }

    @Test
    void intsTowards_theTargetHasNoCandidates() {
        assertEquals(0, Shrinker.intsTowards(7).candidates(7).count());
    }

    @Test
    void lists_proposeEmptyFirstAndNeverALongerList() {
        List<List<Integer>> c = Shrinker.lists(Shrinker.intsTowards(0)).candidates(List.of(3, 4, 5)).toList();
        assertEquals(List.of(), c.get(0));
        assertTrue(c.stream().allMatch(l -> l.size() <= 3));
        assertTrue(c.contains(List.of(3, 5)));
        assertTrue(c.contains(List.of(0, 4, 5)));
    }

    @Test
    void strings_neverProposeTheEmptyStringOrALongerOne() {
        List<String> c = Shrinker.strings().candidates("abcd").toList();
        assertTrue(c.contains("ab"));
        assertTrue(c.contains("bcd"));
        assertTrue(c.stream().allMatch(s -> !s.isEmpty() && s.length() < 4));
    }
}
