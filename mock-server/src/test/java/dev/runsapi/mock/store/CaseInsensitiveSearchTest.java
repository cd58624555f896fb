package dev.runsapi.mock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.ReferenceFilter;
import dev.runsapi.mock.defect.Defects;
import dev.runsapi.mock.query.ParsedQuery;
import dev.runsapi.mock.query.RawQuery;
import dev.runsapi.mock.query.RunQueryParser;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The store searches most texts in place rather than in lowered copies; these tests hold that to
 * the contract's rule, {@code toLowerCase(Locale.ROOT)} on both sides, including the characters
 * that String lowers differently from char by char.
 */
class CaseInsensitiveSearchTest {
  private static final String APP = "app-x";
  /** Letters whose lowering is ordinary, and the ones that are not (sigma, dotted I, surrogates). */
  private static final String[] PIECES = {"a", "A", "b", "B", "%", "_", "*", "é", "É", "ß", "ẞ",
      "σ", "ς", "Σ", "İ", "i", "I", "\u0307", "ı", "K", "\u212A", "k", "😀", "\uD801\uDC00",
      "\uD801\uDC28", " ", "Ω", "ω", "\u2126"};

  @Test
  void lowersCharByChar_whenTrue_stringLoweringIsCharByChar_forEveryBmpChar() {
    int checked = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String one = String.valueOf((char) c);
      if (!CaseInsensitive.lowersCharByChar(one)) {
        continue;
      }
      String lowered = one.toLowerCase(Locale.ROOT);
      assertEquals(1, lowered.length(), "U+" + Integer.toHexString(c));
      assertEquals(Character.toLowerCase((char) c), lowered.charAt(0), "U+" + Integer.toHexString(c));
      checked++;
    }
    assertTrue(checked > 60_000, "checked " + checked);
    assertFalse(CaseInsensitive.lowersCharByChar("ΟΔΥΣΣΕΥΣ"));
    assertFalse(CaseInsensitive.lowersCharByChar("İstanbul"));
    assertFalse(CaseInsensitive.lowersCharByChar("\uD801\uDC00"));
    assertTrue(CaseInsensitive.lowersCharByChar("Summarise THE Ticket: 100% _done_ *now* — é"));
  }

  @Test
  void containsLowered_agreesWithLoweringTheWholeText() {
    assertTrue(CaseInsensitive.containsLowered("Hello WORLD", "o wor"));
    assertTrue(CaseInsensitive.containsLowered("x", ""));
    assertFalse(CaseInsensitive.containsLowered("Hello", "hello!"));
    assertFalse(CaseInsensitive.containsLowered("", "a"));
  }

  @Test
  void search_randomTextsWithAwkwardLetters_matchTheReferenceFilter() {
    long seed = Long.getLong("query.seed", 7L);
    System.out.println("search seed: " + seed + " (rerun with -Dquery.seed=" + seed + ")");
    SplittableRandom random = new SplittableRandom(seed);
    List<StoredRun> runs = new ArrayList<>();
    Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
    for (int i = 0; i < 400; i++) {
      runs.add(new StoredRun(APP, i, String.format("r%04d", i), "llm", "gpt-4o", t0.plusSeconds(i),
          t0.plusSeconds(i + 1), 1, 1, List.of(), text(random, 12), random.nextInt(4) == 0 ? null
          : text(random, 8), random.nextInt(3) == 0 ? text(random, 5) : null, null, BigDecimal.ZERO));
    }
    InMemoryRunStore store = new InMemoryRunStore(runs, List.of(APP), Defects.none());
    RunQueryParser parser = new RunQueryParser(Defects.none());
    int found = 0;
    for (int q = 0; q < 600; q++) {
      String term = text(random, 1 + random.nextInt(3));
      Map<String, List<String>> params = new LinkedHashMap<>();
      params.put("app_id", List.of(APP));
      params.put("start_time", List.of("2024-05-01T00:00:00Z"));
      params.put("end_time", List.of("2024-05-02T00:00:00Z"));
      params.put("search", List.of(term));
      params.put("limit", List.of("1000"));
      String query = "app_id=" + APP + "&start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z"
          + "&limit=1000&search=" + URLEncoder.encode(term, StandardCharsets.UTF_8);
      ParsedQuery parsed = parser.parse(RawQuery.parse(query));
      assertTrue(parsed.isValid(), query + " -> " + parsed.problems());
      RunPage page = store.query(APP, parsed.query());
      ReferenceFilter.Expected expected = ReferenceFilter.answer(runs, params);
      assertEquals(expected.ids(), page.runs().stream().map(StoredRun::id).toList(),
          "seed " + seed + ", search " + term);
      found += page.runs().isEmpty() ? 0 : 1;
    }
    assertTrue(found > 100, "the random terms should often match, matched " + found);
  }

  private static String text(SplittableRandom random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }
}
