package dev.runsapi.conformance.oracle;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleTest {
    static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    static Run run(String id, String type, String name, long createdMillis, Long durationMillis, List<String> tags,
                   String input, String output, String error) {
        Instant c = T0.plusMillis(createdMillis);
        return new Run(id, type, name, c, durationMillis == null ? null : c.plusMillis(durationMillis),
                durationMillis == null ? null : BigDecimal.valueOf(durationMillis, 3), tags, input, output, error);
    }

    static final List<Run> RUNS = List.of(
            run("r1", "llm", "gpt-4", 0, 3250L, List.of("production", "beta"), "What is the capital of France?",
                    "Paris.", null),
            run("r2", "llm", "gpt-4o", 0, 0L, List.of("Beta"), "Is 100% spent?", "Yes: 100%_of it", null),
            run("r3", "tool", "web-search", 1000, null, List.of(), "Open C:\\Users\\a", null, null),
            run("a0", "agent", "Support-Agent", 1000, 1000L, List.of("beta"), "İstanbul", null, "Timeout"),
            run("B0", "chain", "summarize", 2000, 250L, List.of("eval"), "a_b", "axb", null));

    static Query all() {
        return Query.window("app", TimeBound.of(T0), TimeBound.of(T0.plusSeconds(10))).withLimit(1000);
    }

    static List<String> ids(Query q) {
        return Oracle.answer(RUNS, q).allMatching().stream().map(Run::id).sorted().toList();
    }

    @Nested
    @DisplayName("filters")
    class Filters {
        @Test
        void window_includesBothEnds() {
            Instant at = T0.plusMillis(1000);
            assertEquals(List.of("a0", "r3"), ids(all().withWindow(TimeBound.of(at), TimeBound.of(at))));
            assertEquals(List.of(), ids(all().withWindow(TimeBound.of(at.plusNanos(1)), TimeBound.of(at.plusMillis(999)))));
        }

        @Test
        void window_comparesInstantsWhateverTheOffset() {
            TimeBound at = TimeBound.at(T0, java.time.ZoneOffset.ofHoursMinutes(5, 30));
            assertEquals("2024-05-01T17:30:00+05:30", at.wire());
            assertEquals(List.of("r1", "r2"), ids(all().withWindow(at, at)));
        }

        @Test
        void models_matchExactlyAndCaseSensitively() {
            assertEquals(List.of("r1"), ids(all().withModels(List.of("gpt-4"))));
            assertEquals(List.of(), ids(all().withModels(List.of("support-agent"))));
            assertEquals(List.of("a0", "r2"), ids(all().withModels(List.of("gpt-4o", "Support-Agent"))));
        }

        @Test
        void tags_matchAnyExactly() {
            assertEquals(List.of("a0", "r1"), ids(all().withTags(List.of("beta"))));
            assertEquals(List.of("a0", "r1", "r2"), ids(all().withTags(List.of("beta", "Beta"))));
        }

        @Test
        void types_matchAny() {
            assertEquals(List.of("B0", "r3"), ids(all().withTypes(List.of("tool", "chain"))));
        }

        @Test
        void search_isCaseInsensitiveAndLiteral() {
            assertEquals(List.of("r1"), ids(all().withSearch("CAPITAL of")));
            assertEquals(List.of("r2"), ids(all().withSearch("%_")));
            assertEquals(List.of("B0"), ids(all().withSearch("a_b")));
            assertEquals(List.of("r3"), ids(all().withSearch("c:\\users")));
            assertEquals(List.of("a0"), ids(all().withSearch("timeout")));
            assertEquals(5, ids(all().withSearch("")).size());
        }

        @Test
        void search_lowerCasesBothSidesWithLocaleRoot() {
            // "İ".toLowerCase(ROOT) is "i̇" (i + combining dot): a plain "istanbul" does not match.
            assertEquals(List.of(), ids(all().withSearch("istanbul")));
            assertEquals(List.of("a0"), ids(all().withSearch("İSTANBUL")));
        }

        @Test
        void durations_areInclusiveAndExcludeUnfinishedRuns() {
            assertEquals(List.of("B0", "a0", "r1", "r2"), ids(all().withDurations("0", null)));
            assertEquals(List.of("r1"), ids(all().withDurations("3.25", "3.250")));
            assertEquals(List.of("r2"), ids(all().withDurations(null, "0")));
            assertEquals(List.of("B0", "a0"), ids(all().withDurations("0.25", "1")));
        }

        @Test
        void differentFilters_combineWithAnd() {
            assertEquals(List.of("r1"), ids(all().withTypes(List.of("llm")).withTags(List.of("beta"))));
        }
    }

    @Nested
    @DisplayName("order and pages")
    class Order {
        @Test
        void ascending_sortsByCreatedAtThenIdOrdinally() {
            List<String> asc = Oracle.answer(RUNS, all().withOrder("asc")).page().stream().map(Run::id).toList();
            assertEquals(List.of("r1", "r2", "a0", "r3", "B0"), asc);
        }

        @Test
        void descending_isTheDefaultAndTheExactReverse() {
            List<String> desc = Oracle.answer(RUNS, all()).page().stream().map(Run::id).toList();
            assertEquals(List.of("B0", "r3", "a0", "r2", "r1"), desc);
        }

        @Test
        void ordinalIdOrder_putsUpperCaseBeforeLowerCase() {
            assertTrue("B0".compareTo("a0") < 0);
        }

        @Test
        void pages_areSlicesAndAPagePastTheEndIsEmptyWithTheTrueTotal() {
            Expected p1 = Oracle.answer(RUNS, all().withOrder("asc").withLimit(2).withPage(1));
            assertEquals(List.of("a0", "r3"), p1.page().stream().map(Run::id).toList());
            assertEquals(5, p1.total());
            Expected past = Oracle.answer(RUNS, all().withLimit(2).withPage(3));
            assertEquals(List.of(), past.page());
            assertEquals(5, past.total());
        }

        @Test
        void defaults_areLimit100Page0() {
            Query q = Query.window("app", TimeBound.of(T0), TimeBound.of(T0));
            assertEquals(100, q.effectiveLimit());
            assertEquals(0, q.effectivePage());
        }
    }
}
