package dev.runsapi.conformance.discovery;

import dev.runsapi.conformance.oracle.Run;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract's rules for data that changes, as the suite holds a re-read against what it read before. */
class DataChangesTest {
    static final Instant S = Instant.parse("2024-05-01T00:00:00Z");
    static final Instant E = Instant.parse("2024-05-02T00:00:00Z");

    static Run run(String id, int minute, Integer durationSeconds) {
        Instant created = S.plusSeconds(60L * minute);
        return new Run(id, "llm", "gpt-4", created, durationSeconds == null ? null : created.plusSeconds(durationSeconds),
                durationSeconds == null ? null : BigDecimal.valueOf(durationSeconds), List.of("a"), "in", "out", null);
    }

    @Test
    void anUnchangedWindow_isNoChange() {
        DataChanges c = new DataChanges();
        List<Run> before = List.of(run("a", 1, 3), run("b", 2, null));
        DataChanges.Comparison cmp = c.compare(before, before, S, E);
        assertFalse(cmp.changedSinceBaseline());
        assertTrue(cmp.violations().isEmpty());
        assertNull(c.summary(), "nothing to say when nothing changed");
    }

    @Test
    void aRunThatEnds_andARunThatAppears_areAllowedChanges() {
        DataChanges c = new DataChanges();
        DataChanges.Comparison cmp = c.compare(List.of(run("a", 1, 3), run("b", 2, null)),
                List.of(run("a", 1, 3), run("b", 2, 5), run("late", 3, 1)), S, E);
        assertTrue(cmp.changedSinceBaseline());
        assertTrue(cmp.violations().isEmpty(), cmp.violations().toString());
        c.changed();
        assertTrue(c.summary().contains("1 runs appeared in windows already read, 1 ended"), c.summary());
    }

    @Test
    void aRunThatDisappears_isAViolation() {
        DataChanges.Comparison cmp = new DataChanges().compare(List.of(run("a", 1, 3), run("b", 2, null)),
                List.of(run("a", 1, 3)), S, E);
        assertEquals(1, cmp.violations().size());
        assertEquals("b", cmp.violations().get(0).runId());
        assertTrue(cmp.violations().get(0).got().contains("disappeared"));
    }

    @Test
    void aFieldThatChanges_otherThanByEnding_isAViolation() {
        Run a = run("a", 1, 3);
        Run renamed = new Run("a", "llm", "gpt-4o", a.createdAt(), a.endedAt(), a.duration(), a.tags(), a.input(),
                a.output(), null);
        DataChanges.Comparison cmp = new DataChanges().compare(List.of(a), List.of(renamed), S, E);
        assertEquals(1, cmp.violations().size());
        assertTrue(cmp.violations().get(0).got().contains("name gpt-4o"), cmp.violations().toString());
        DataChanges.Comparison endedOther = new DataChanges().compare(List.of(a), List.of(run("a", 1, 4)), S, E);
        assertEquals(1, endedOther.violations().size(), "an ended run does not end again at another time");
    }

    @Test
    void aReadSentBeforeAnotherChecksReadSawTheEnd_isHeldToTheBaselineOnly() {
        // checks re-read concurrently: a read sent before the run ended rightly shows it unfinished
        DataChanges c = new DataChanges();
        List<Run> before = List.of(run("b", 2, null));
        long sentEarly = System.nanoTime();
        assertTrue(c.compare(before, List.of(run("b", 2, 5), run("new", 4, null)), S, E).violations().isEmpty());
        DataChanges.Comparison earlier = c.compare(before, List.of(run("b", 2, null)), S, E, sentEarly);
        assertEquals(List.of(), earlier.violations(), "neither the end nor the new run is held against it");
        // a read sent afterwards still may not undo the end
        assertFalse(c.compare(before, List.of(run("b", 2, null)), S, E).violations().isEmpty());
    }

    @Test
    void aRunSeenEnded_thatIsUnfinishedAgain_isAViolation_asIsANewRunThatDisappears() {
        DataChanges c = new DataChanges();
        List<Run> before = List.of(run("b", 2, null));
        assertTrue(c.compare(before, List.of(run("b", 2, 5), run("new", 4, null)), S, E).violations().isEmpty());
        DataChanges.Comparison again = c.compare(before, List.of(run("b", 2, null)), S, E);
        assertEquals(List.of("b", "new"), again.violations().stream().map(DataChanges.Violation::runId).sorted().toList());
    }
}
