package dev.runsapi.mock.defect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The deliberate defects of ADR 0002. Each breaks exactly one rule of the contract, so that the
 * conformance suite can prove that the check owning that rule notices. Names and rule texts are the
 * ADR's; changing one changes the ADR and the suite in the same commit.
 */
public enum Defect {
  TYPE_FILTER_IGNORED("type-filter-ignored", "`type` filters nothing"),
  MODELS_PREFIX_MATCH("models-prefix-match", "`models=gpt-4` also matches `gpt-4o`"),
  TAGS_MATCH_ALL("tags-match-all", "`tags` needs ALL the tags instead of ANY"),
  SEARCH_CASE_SENSITIVE("search-case-sensitive", "`search` is case-sensitive"),
  SEARCH_LIKE_WILDCARDS("search-like-wildcards", "`%` and `_` in `search` act as SQL LIKE wildcards"),
  DURATION_BOUNDS_EXCLUSIVE("duration-bounds-exclusive", "`min_duration`/`max_duration` are exclusive"),
  DURATION_ZERO_IGNORED(
      "duration-zero-ignored", "`min_duration=0` is ignored, unfinished runs leak in (the original's flaw)"),
  WINDOW_END_EXCLUSIVE("window-end-exclusive", "`end_time` is exclusive"),
  PAGE_OFF_BY_ONE("page-off-by-one", "page N starts one run late (offset `page*limit+1`)"),
  TOTAL_IS_PAGE_COUNT("total-is-page-count", "`total` is the number of runs on the page"),
  DEFAULT_LIMIT_10("default-limit-10", "without `limit`, 10 runs per page (and echoes 10)"),
  NO_TIE_BREAK("no-tie-break", "runs with equal `createdAt` come in store order, not by `id`"),
  ORDER_IGNORED("order-ignored", "`order=asc` answers descending"),
  DURATION_AS_STRING("duration-as-string", "`duration` is written as a JSON string"),
  MISSING_KEY_500("missing-key-500", "no or unknown API key answers 500 (the original's flaw)"),
  VALIDATION_400("validation-400", "invalid parameters answer 400 instead of 422"),
  ERROR_BODY_UNNAMED("error-body-unnamed", "422 bodies have no `errors` list naming the parameters"),
  REVERSED_WINDOW_ACCEPTED("reversed-window-accepted", "`start_time` after `end_time` answers 200"),
  VALIDATION_BEFORE_AUTH("validation-before-auth", "a bad parameter beats a missing key (422 before 403)"),
  TENANT_LEAK("tenant-leak", "a key may read another tenant's app"),
  NO_RETRY_AFTER("no-retry-after", "429 has no `Retry-After` header"),
  LEAP_SECOND_NEXT_MINUTE(
      "leap-second-next-minute", "any second `60` is read as the next minute (`2024-04-10T23:59:60Z` answers 200)"),
  PERCENT_UTF8_REPLACED(
      "percent-utf8-replaced", "percent-escapes that are not UTF-8 decode to U+FFFD (`search=%C3` answers 200)"),
  MINUS_ZERO_ACCEPTED("minus-zero-accepted", "`min_duration=-0` is read as 0 (a sign the grammar does not have)"),
  SINGLE_INSTANT_REFUSED(
      "single-instant-refused", "a window whose `start_time` equals its `end_time` answers 422"),
  BOUNDS_CUT_TO_SECOND(
      "bounds-cut-to-second", "`start_time`/`end_time` are cut to the whole second before comparing"),
  SEARCH_BACKSLASH_ESCAPE(
      "search-backslash-escape", "`\\` in `search` escapes the next character, so it never matches as typed"),
  USER_OF_NULLS("user-of-nulls", "a run without a user has a `user` object of nulls instead of `null`"),
  QUERY_KEY_WINS(
      "query-key-wins", "`api_key` in the query silently wins over a different `X-API-Key` (not 403)");

  private final String cliName;
  private final String rule;

  Defect(String cliName, String rule) {
    this.cliName = cliName;
    this.rule = rule;
  }

  /** The name given to {@code --defect}, as in ADR 0002. */
  public String cliName() {
    return cliName;
  }

  /** The rule of the contract this defect breaks, for {@code --help} and the README. */
  public String rule() {
    return rule;
  }

  public static Optional<Defect> byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(d -> d.cliName.equals(wanted)).findFirst();
  }
}
