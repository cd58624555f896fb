package dev.runsapi.mock.data;

import dev.runsapi.mock.store.Decimals;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The built-in dataset: runs of one app made from a seed alone, never from the clock, so the same
 * seed gives the same runs byte for byte. It is shaped to exercise every filter and edge of the
 * contract: the four types; names that share prefixes or differ only in case; text with mixed
 * case, non-ASCII letters and {@code % _ * \}; failed and unfinished runs; runs with exactly equal
 * createdAt and exactly equal durations; runs with and without a user.
 */
public final class RunGenerator {
  /** Runs are spread over May 2024, UTC. */
  public static final Instant EPOCH = Instant.parse("2024-05-01T00:00:00Z");

  public static final long SPAN_MILLIS = 31L * 24 * 3600 * 1000;

  /** Dollars per million tokens: prompt, completion. */
  private static final Map<String, BigDecimal[]> PRICES = new LinkedHashMap<>();

  static {
    price("gpt-4", "30", "60");
    price("gpt-4o", "5", "15");
    price("gpt-4o-mini", "0.15", "0.6");
    price("gpt-3.5-turbo", "0.5", "1.5");
    price("claude-3-5-sonnet", "3", "15");
    price("claude-3-5-haiku", "0.8", "4");
    price("claude-3-opus", "15", "75");
    price("mistral-large", "2", "6");
  }

  private static final List<String> MODELS = List.copyOf(PRICES.keySet());
  private static final List<String> TOOLS =
      List.of("web-search", "web-search-v2", "calculator", "sql_query", "weather");
  private static final List<String> CHAINS =
      List.of("retrieval-qa", "summarize", "summarize-map-reduce", "translate");
  private static final List<String> AGENTS =
      List.of("support-agent", "Support-Agent", "research-agent", "planner");
  private static final List<String> TAGS =
      List.of("production", "staging", "beta", "Beta", "eval", "canary", "high priority");

  private static final List<String> INPUTS =
      List.of(
          "What is the capital of France?",
          "Translate 'Straße' into English",
          "Wie spät ist es in München?",
          "Résumé the café's menu, s'il vous plaît",
          "İstanbul'da hava nasıl?",
          "ΣΊΣΥΦΟΣ and the boulder: summarise",
          "東京の天気は？",
          "Is 100% of the budget spent?",
          "Find rows where name LIKE 'a_b%'",
          "Rename snake_case_name to camelCase",
          "Compute 6 * 7 and 2 ** 10",
          "Open C:\\Users\\alice\\report.txt",
          "Match the regex ^(a+)+$ against 'aaaa!'",
          "Summarise the QUARTERLY report in 3 bullets",
          "Plan a trip: Paris → Berlin → Kraków",
          "  leading and trailing spaces  ",
          "Why is the sky blue?",
          "Write SQL: SELECT * FROM runs WHERE cost > 0.5",
          "Emoji check 😀 and ok",
          "Explain the difference between gpt-4 and gpt-4o");
  private static final List<String> OUTPUTS =
      List.of(
          "The capital of France is Paris.",
          "Street",
          "Es ist 12:00 Uhr in MÜNCHEN.",
          "CAFÉ MENU: croissant, crème brûlée",
          "İstanbul'da hava güneşli.",
          "σίσυφος pushes the boulder; the end",
          "晴れです。",
          "Yes: 100% spent (50%_of it on compute).",
          "rows: a_b1, axb2, a_b%",
          "snakeCaseName",
          "42 and 1024; 6*7 = 42",
          "Read C:\\Users\\alice\\report.txt (3 KB)",
          "The regex ^(a+)+$ does not match.",
          "- revenue up\n- costs DOWN\n- outlook stable",
          "Route: Paris → Berlin → Kraków",
          "ok",
          "Rayleigh scattering.",
          "SELECT * FROM runs WHERE cost > 0.5;",
          "😀 ok",
          "gpt-4o is faster and cheaper than gpt-4.");
  private static final List<String> ERRORS =
      List.of(
          "Rate limit exceeded (429) from upstream",
          "Timeout after 30s",
          "ValueError: invalid literal for int() with base 10: 'abc'",
          "Tool \"sql_query\" failed: column \"user_id\" does not exist",
          "Kontext zu lang: 200% des Limits",
          "Context length exceeded: 8192 tokens");
  /** A few durations reused on purpose so that several runs have exactly equal durations. */
  private static final long[] ROUND_DURATIONS = {0, 250, 1000, 1500, 2000, 3250, 10000};

  private static void price(String model, String prompt, String completion) {
    PRICES.put(model, new BigDecimal[] {new BigDecimal(prompt), new BigDecimal(completion)});
  }

  private RunGenerator() {}

  /** {@code count} runs of {@code appId}, the same for the same seed, app and count. */
  public static List<StoredRun> generate(String appId, long seed, int count) {
    return generate(appId, seed, count, 0);
  }

  /**
   * The same runs with inputs and outputs of about {@code textSize} bytes together (0: the short
   * sentences as they are); see {@link PromptTexts}. Nothing else depends on the text size.
   */
  public static List<StoredRun> generate(String appId, long seed, int count, int textSize) {
    PromptTexts texts = new PromptTexts(seed, appId, textSize);
    SplittableRandom random = new SplittableRandom(seed * 31 + appId.hashCode());
    List<StoredUser> users = users(appId, random);
    List<StoredRun> runs = new ArrayList<>(count);
    String idPrefix = appId.replaceFirst("^app-", "");
    for (int i = 0; i < count; i++) {
      Instant createdAt = createdAt(random, runs);
      String type = pick(random, new String[] {"llm", "llm", "llm", "llm", "llm", "tool", "tool",
          "chain", "chain", "agent"});
      String name =
          switch (type) {
            case "llm" -> pick(random, MODELS);
            case "tool" -> pick(random, TOOLS);
            case "chain" -> pick(random, CHAINS);
            default -> pick(random, AGENTS);
          };
      int roll = random.nextInt(100);
      boolean unfinished = roll < 6;
      boolean failed = !unfinished && roll < 14;
      Instant endedAt = unfinished ? null : createdAt.plusMillis(duration(random, type));
      int pick = random.nextInt(INPUTS.size());
      String input = texts.input(INPUTS.get(pick), i);
      String output = texts.output(unfinished || failed ? null : OUTPUTS.get(pick), i);
      String error = failed ? pick(random, ERRORS) : null;
      long prompt = 0;
      long completion = 0;
      BigDecimal cost = BigDecimal.ZERO;
      if ("llm".equals(type)) {
        prompt = 5 + random.nextInt(2000);
        completion = unfinished || failed ? 0 : 1 + random.nextInt(1500);
        BigDecimal[] price = PRICES.get(name);
        cost = Decimals.plain(price[0].multiply(BigDecimal.valueOf(prompt))
            .add(price[1].multiply(BigDecimal.valueOf(completion)))
            .divide(BigDecimal.valueOf(1_000_000), 8, RoundingMode.HALF_UP));
      }
      List<String> tags = tags(random);
      StoredUser user = random.nextInt(5) == 0 ? null : users.get(random.nextInt(users.size()));
      // A random prefix makes id order differ from creation order, so the tie-break shows.
      String id = String.format("%08x-%s-%06d", random.nextInt() & 0xffffffffL, idPrefix, i);
      runs.add(new StoredRun(appId, i, id, type, name, createdAt, endedAt, prompt, completion, tags,
          input, output, error, user, cost));
    }
    return runs;
  }

  private static Instant createdAt(SplittableRandom random, List<StoredRun> earlier) {
    int roll = random.nextInt(100);
    if (roll < 6 && !earlier.isEmpty()) {
      // exactly the same instant as an earlier run (a burst, or children of one chain)
      return earlier.get(random.nextInt(earlier.size())).createdAt();
    }
    long offset = random.nextLong(SPAN_MILLIS);
    if (roll < 20) {
      offset -= offset % 1000; // whole seconds: ".000" in the answer
    }
    return EPOCH.plusMillis(offset);
  }

  private static long duration(SplittableRandom random, String type) {
    if (random.nextInt(100) < 15) {
      return ROUND_DURATIONS[random.nextInt(ROUND_DURATIONS.length)];
    }
    return switch (type) {
      case "tool" -> random.nextLong(1, 3000);
      case "llm" -> random.nextLong(200, 20_000);
      default -> random.nextLong(500, 90_000);
    };
  }

  private static List<String> tags(SplittableRandom random) {
    int count = random.nextInt(4);
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      tags.add(pick(random, TAGS));
    }
    return List.copyOf(tags);
  }

  private static List<StoredUser> users(String appId, SplittableRandom random) {
    String[] plans = {"free", "pro", "enterprise"};
    List<StoredUser> users = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Instant created = EPOCH.minusMillis(random.nextLong(365L * 24 * 3600 * 1000));
      Instant lastSeen = EPOCH.plusMillis(random.nextLong(SPAN_MILLIS));
      Map<String, Object> props = new LinkedHashMap<>();
      if (i % 7 != 0) {
        props.put("email", "user" + i + "@" + appId.replaceFirst("^app-", "") + ".example");
        props.put("plan", plans[random.nextInt(plans.length)]);
        if (i % 3 == 0) {
          props.put("seats", 1 + random.nextInt(50));
          props.put("beta", i % 2 == 0);
        }
      }
      users.add(new StoredUser("user" + i, created, lastSeen, java.util.Collections
          .unmodifiableMap(props)));
    }
    return users;
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static <T> T pick(SplittableRandom random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
