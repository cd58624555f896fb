package dev.runsapi.conformance.discovery;

import dev.runsapi.conformance.oracle.Run;
import dev.runsapi.conformance.wire.ContractValidator;
import dev.runsapi.conformance.wire.RateLimitPolicy;
import dev.runsapi.conformance.wire.TargetClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscoveryTest {
    static ContractValidator validator;

    @BeforeAll
    static void load() {
        validator = new ContractValidator();
    }

    /** 2500 runs, three to a millisecond, so that every cut falls among ties. */
    static List<Run> runs() {
        List<Run> out = new ArrayList<>();
        Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < 2500; i++) {
            out.add(new Run(String.format("run-%05d", 2500 - i), "llm", "m", t0.plusMillis(i / 3), null, null, List.of(),
                    "in", null, null));
        }
        return out;
    }

    static Baseline discover(FakeRunsServer server, int wanted) {
        try (TargetClient client = new TargetClient(server.url(), Duration.ofSeconds(5), RateLimitPolicy.defaults(),
                validator)) {
            return new Discovery(client, "app", "key", wanted).discover();
        }
    }

    @Test
    void discover_readsWholeChunksOfAtMost999RunsUntilItHasEnough() throws Exception {
        List<Run> all = runs();
        try (FakeRunsServer server = new FakeRunsServer(all, UnaryOperator.identity())) {
            Baseline b = discover(server, 1500);
            assertTrue(b.consistent(), b.anomalies().toString());
            assertTrue(b.runs().size() >= 1500, "read " + b.runs().size());
            assertTrue(b.chunks().stream().allMatch(c -> c.count() < 1000));
            Set<String> expected = new HashSet<>();
            all.stream().filter(r -> !r.createdAt().isAfter(b.end().instant())).forEach(r -> expected.add(r.id()));
            Set<String> got = new HashSet<>();
            b.runs().forEach(r -> got.add(r.id()));
            assertEquals(expected, got, "exactly the runs of the baseline window, ties at the cuts included");
            assertEquals(2500, b.wideTotal());
        }
    }

    @Test
    void discover_bigRuns_sizesPagesAndTheBaselineByBytes() throws Exception {
        String text = "x".repeat(100 * 1024);
        List<Run> all = new ArrayList<>();
        Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            all.add(new Run(String.format("big-%04d", i), "llm", "m", t0.plusMillis(i / 2), null, null, List.of(),
                    text, null, null));
        }
        try (FakeRunsServer server = new FakeRunsServer(all, UnaryOperator.identity());
             TargetClient client = new TargetClient(server.url(), Duration.ofSeconds(5), RateLimitPolicy.defaults(),
                     validator)) {
            Baseline b = new Discovery(client, "app", "key", 1500).discover();
            assertTrue(b.consistent(), b.anomalies().toString());
            assertEquals(Budget.ANSWER_BYTES / b.budget().bytesPerRun(), b.budget().pageSize());
            assertTrue(b.budget().pageSize() < 41, "pages of about 4 MB: " + b.budget());
            assertTrue(b.chunks().stream().allMatch(c -> c.count() < b.budget().pageSize()), b.chunks().toString());
            assertTrue(b.runs().size() >= Budget.MIN_RUNS && b.runs().size() < Budget.MIN_RUNS + 40,
                    "at least 120 runs, then stop: " + b.runs().size());
            assertTrue(client.largestAnswerBytes() <= Budget.ANSWER_BYTES + 4096, "read " + client.largestAnswerBytes());
            assertTrue(b.runs().stream().allMatch(r -> r.input() == b.runs().get(0).input()), "texts held once");
        }
    }

    @Test
    void discover_readsASmallAppWhole() throws Exception {
        List<Run> all = runs().subList(0, 300);
        try (FakeRunsServer server = new FakeRunsServer(all, UnaryOperator.identity())) {
            Baseline b = discover(server, 1500);
            assertEquals(300, b.runs().size());
            assertEquals(Discovery.WIDE_END.instant(), b.end().instant());
        }
    }

    @Test
    void discover_recordsAPageThatDisagreesWithItsTotal() throws Exception {
        try (FakeRunsServer server = new FakeRunsServer(runs(), page -> page.isEmpty() ? page
                : page.subList(1, page.size()))) {
            Baseline b = discover(server, 1500);
            assertFalse(b.consistent());
            assertTrue(b.anomalies().get(0).message().contains("runs answered"), b.anomalies().toString());
            assertTrue(b.anomalies().get(0).request() != null);
        }
    }
}
