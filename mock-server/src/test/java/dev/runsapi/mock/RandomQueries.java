package dev.runsapi.mock;

import dev.runsapi.mock.store.StoredRun;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Valid listRuns queries drawn at random, aimed at the edges: windows that start or end exactly on
 * a run, offsets and nanoseconds, search terms that differ in case or hold {@code % _ * \},
 * models that share prefixes, durations equal to a run's.
 */
public final class RandomQueries {
  private static final String[] SEARCH = {
    "", "capital", "CAPITAL", "paris", "straße", "STRASSE", "münchen", "MÜNCHEN", "İstanbul",
    "istanbul", "σίσυφος", "ΣΊΣΥΦΟΣ", "東京", "100%", "%", "_", "a_b", "a%b", "*", "6 * 7", "\\",
    "c:\\users", "^(a+)+$", ".", "(.+)", "  leading", "ok", "😀", "timeout", "TIMEOUT",
    "does not exist", "sql", "select * from", "e"
  };
  private static final String[] MODELS = {
    "gpt-4", "gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo", "claude-3-5-sonnet", "claude-3-5-haiku",
    "claude-3", "web-search", "web-search-v2", "support-agent", "Support-Agent", "summarize", "GPT-4"
  };
  private static final String[] TAGS = {"production", "staging", "beta", "Beta", "eval", "canary",
    "high priority", "nope"};
  private static final String[] TYPES = {"llm", "tool", "chain", "agent"};
  private static final String[] OFFSETS = {"Z", "+00:00", "+02:00", "-05:30", "+14:00", "-00:00"};

  private final Random random;
  private final List<StoredRun> runs;

  public RandomQueries(long seed, List<StoredRun> runs) {
    this.random = new Random(seed);
    this.runs = runs;
  }

  /** The parameters of one query of {@code app}, by name, in a stable order. */
  public Map<String, List<String>> next(String app, String apiKey) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("api_key", List.of(apiKey));
    p.put("app_id", List.of(app));
    int precision = random.nextInt(3);
    Instant a = truncate(instant(), precision);
    Instant b = random.nextInt(10) == 0 ? a : truncate(instant(), precision);
    if (a.isAfter(b)) {
      Instant t = a;
      a = b;
      b = t;
    }
    p.put("start_time", List.of(format(a, precision)));
    p.put("end_time", List.of(format(b, precision)));
    if (random.nextInt(3) == 0) {
      p.put("search", List.of(SEARCH[random.nextInt(SEARCH.length)]));
    }
    if (random.nextInt(4) == 0) {
      p.put("models", some(MODELS));
    }
    if (random.nextInt(4) == 0) {
      p.put("tags", some(TAGS));
    }
    if (random.nextInt(4) == 0) {
      p.put("type", some(TYPES));
    }
    if (random.nextInt(4) == 0) {
      p.put("min_duration", List.of(duration()));
    }
    if (random.nextInt(4) == 0) {
      String max = duration();
      String min = p.containsKey("min_duration") ? p.get("min_duration").get(0) : "0";
      if (new java.math.BigDecimal(max).compareTo(new java.math.BigDecimal(min)) >= 0) {
        p.put("max_duration", List.of(max));
      }
    }
    if (random.nextInt(3) != 0) {
      p.put("limit", List.of(Integer.toString(random.nextInt(4) == 0 ? 1 + random.nextInt(1000)
          : 1 + random.nextInt(20))));
    }
    if (random.nextInt(3) != 0) {
      p.put("page", List.of(Integer.toString(random.nextInt(6))));
    }
    if (random.nextBoolean()) {
      p.put("order", List.of(random.nextBoolean() ? "asc" : "desc"));
    }
    return p;
  }

  public static String queryString(Map<String, List<String>> params) {
    return params.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + encode(v)))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private List<String> some(String[] values) {
    List<String> chosen = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      chosen.add(values[random.nextInt(values.length)]);
    }
    return chosen;
  }

  private Instant instant() {
    StoredRun run = runs.get(random.nextInt(runs.size()));
    switch (random.nextInt(5)) {
      case 0:
        return run.createdAt(); // exactly on a run
      case 1:
        return run.createdAt().plusNanos(random.nextBoolean() ? 1 : -1); // just beside it
      case 2:
        return Instant.parse("2024-04-30T00:00:00Z").plusSeconds(random.nextInt(33 * 24 * 3600));
      default:
        return run.createdAt().plusSeconds(random.nextInt(7200) - 3600);
    }
  }

  private static Instant truncate(Instant instant, int precision) {
    return switch (precision) {
      case 0 -> instant.truncatedTo(ChronoUnit.SECONDS);
      case 1 -> instant.truncatedTo(ChronoUnit.MILLIS);
      default -> instant;
    };
  }

  private String format(Instant instant, int precision) {
    String offset = OFFSETS[random.nextInt(OFFSETS.length)];
    ZoneOffset zone = offset.equals("Z") || offset.equals("-00:00") ? ZoneOffset.UTC : ZoneOffset.of(offset);
    String pattern = switch (precision) {
      case 0 -> "uuuu-MM-dd'T'HH:mm:ss";
      case 1 -> "uuuu-MM-dd'T'HH:mm:ss.SSS";
      default -> "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS";
    };
    return DateTimeFormatter.ofPattern(pattern).format(instant.atOffset(zone)) + offset;
  }

  private String duration() {
    switch (random.nextInt(4)) {
      case 0:
        return "0";
      case 1: {
        StoredRun run = runs.get(random.nextInt(runs.size()));
        Long ms = run.durationMillis();
        return ms == null ? "1" : dev.runsapi.mock.store.Decimals.seconds(ms).toPlainString();
      }
      case 2:
        return Integer.toString(random.nextInt(30));
      default:
        return random.nextInt(20) + "." + random.nextInt(1000);
    }
  }
}
