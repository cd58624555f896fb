package dev.runsapi.mock.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.store.StoredRun;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in dataset: deterministic, and shaped to reach every edge of the contract. */
class RunGeneratorTest {
  private final List<StoredRun> runs = RunGenerator.generate("app-acme", 42, 2000);

  @Test
  void generate_sameSeed_sameRuns() {
    assertEquals(runs, RunGenerator.generate("app-acme", 42, 2000));
    assertEquals(runs.toString(), RunGenerator.generate("app-acme", 42, 2000).toString());
  }

  @Test
  void generate_otherSeedOrApp_otherRuns() {
    assertNotEquals(runs, RunGenerator.generate("app-acme", 43, 2000));
    assertNotEquals(runs.get(0).id(), RunGenerator.generate("app-globex", 42, 2000).get(0).id());
  }

  @Test
  void generate_idsAreUniqueAndTimestampsMillisecondsInMay2024() {
    assertEquals(runs.size(), runs.stream().map(StoredRun::id).distinct().count());
    Instant from = Instant.parse("2024-05-01T00:00:00Z");
    Instant to = Instant.parse("2024-06-01T00:00:00Z");
    for (StoredRun run : runs) {
      assertTrue(!run.createdAt().isBefore(from) && run.createdAt().isBefore(to), run.toString());
      assertEquals(0, run.createdAt().getNano() % 1_000_000);
      assertTrue(run.endedAt() == null || !run.endedAt().isBefore(run.createdAt()));
    }
  }

  @Test
  void generate_coversEveryEdgeTheFiltersHave() {
    assertEquals(Set.of("llm", "tool", "chain", "agent"), set(StoredRun::type));
    Set<String> names = set(StoredRun::name);
    assertTrue(names.containsAll(List.of("gpt-4", "gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet",
        "claude-3-5-haiku", "support-agent", "Support-Agent")));
    assertTrue(runs.stream().anyMatch(r -> r.tags().isEmpty()));
    assertTrue(runs.stream().anyMatch(r -> r.tags().size() == 3));
    assertTrue(runs.stream().anyMatch(r -> r.endedAt() == null && r.output() == null));
    assertTrue(runs.stream().anyMatch(r -> r.error() != null && r.output() == null && r.endedAt() != null));
    assertTrue(runs.stream().anyMatch(r -> r.user() == null));
    assertTrue(runs.stream().anyMatch(r -> r.user() != null && !r.user().props().isEmpty()));
    assertTrue(runs.stream().anyMatch(r -> r.user() != null && r.user().props().isEmpty()));
    assertTrue(runs.stream().anyMatch(r -> Long.valueOf(0).equals(r.durationMillis())));
    for (String special : List.of("%", "_", "*", "\\", "ß", "İ", "東京", "😀")) {
      assertTrue(runs.stream().anyMatch(r -> r.input().contains(special)), special);
    }
    assertTrue(runs.stream().anyMatch(r -> r.type().equals("llm") && r.cost().signum() > 0));
    assertTrue(runs.stream().filter(r -> !r.type().equals("llm")).allMatch(r -> r.cost().signum() == 0));
  }

  @Test
  void generate_severalRunsShareCreatedAtAndSeveralShareDuration() {
    Map<Instant, Long> byCreatedAt =
        runs.stream().collect(Collectors.groupingBy(StoredRun::createdAt, Collectors.counting()));
    assertTrue(byCreatedAt.values().stream().filter(n -> n > 1).count() >= 10);
    Map<Long, Long> byDuration = runs.stream().filter(r -> r.endedAt() != null)
        .collect(Collectors.groupingBy(StoredRun::durationMillis, Collectors.counting()));
    assertTrue(byDuration.values().stream().filter(n -> n > 5).count() >= 5);
  }

  @Test
  void generate_textSize_wrapsEachSentenceToAboutThatSizeAndChangesNothingElse() {
    int size = 64 * 1024;
    List<StoredRun> big = RunGenerator.generate("app-acme", 42, 2000, size);
    assertEquals(runs.size(), big.size());
    for (int i = 0; i < runs.size(); i++) {
      StoredRun small = runs.get(i);
      StoredRun wide = big.get(i);
      assertEquals(small.id(), wide.id());
      assertEquals(small.createdAt(), wide.createdAt());
      assertEquals(small.tags(), wide.tags());
      assertEquals(small.error(), wide.error());
      assertTrue(wide.input().contains(small.input()), "the sentence is kept for search: " + small.id());
      assertEquals(small.output() == null, wide.output() == null);
      if (small.output() != null) {
        assertTrue(wide.output().startsWith(small.output()), small.id());
        int bytes = utf8(wide.input()) + utf8(wide.output());
        assertTrue(bytes > size * 0.95 && bytes < size * 1.1, "about " + size + " bytes, got " + bytes);
      }
    }
    assertEquals(big, RunGenerator.generate("app-acme", 42, 2000, size), "the same seed gives the same texts");
    assertTrue(big.stream().map(StoredRun::input).distinct().count() > 100, "runs do not all look alike");
    java.util.IdentityHashMap<String, Boolean> instances = new java.util.IdentityHashMap<>();
    big.forEach(r -> instances.put(r.input(), true));
    assertTrue(instances.size() <= 20 * PromptTexts.VARIANTS, "equal texts are one instance: " + instances.size());
  }

  private static int utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private Set<String> set(Function<StoredRun, String> field) {
    return new HashSet<>(runs.stream().map(field).toList());
  }
}
