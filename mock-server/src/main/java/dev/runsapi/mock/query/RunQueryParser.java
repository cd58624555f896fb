package dev.runsapi.mock.query;

import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads listRuns's parameters from the raw query string and collects every problem at once (the
 * contract: "one 422 lists every offending parameter"), each parameter named once, in the order the
 * contract lists the parameters.
 */
public final class RunQueryParser {
  public static final String APP_ID = "app_id";
  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";
  public static final String SEARCH = "search";
  public static final String MODELS = "models";
  public static final String TAGS = "tags";
  public static final String TYPE = "type";
  public static final String MIN_DURATION = "min_duration";
  public static final String MAX_DURATION = "max_duration";
  public static final String LIMIT = "limit";
  public static final String PAGE = "page";
  public static final String ORDER = "order";

  /** The contract's parameters, in its order; the order of the problems reported. */
  public static final List<String> PARAMETERS =
      List.of(APP_ID, START_TIME, END_TIME, SEARCH, MODELS, TAGS, TYPE, MIN_DURATION, MAX_DURATION,
          LIMIT, PAGE, ORDER);

  private static final int MAX_APP_ID = 200;
  private static final int MAX_SEARCH = 1000;
  private static final int MAX_VALUES = 100;
  private static final int MAX_VALUE_LENGTH = 200;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_PAGE = 1_000_000;
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern DECIMAL = Pattern.compile("\\+?\\d+(\\.\\d+)?");
  /** The grammar as read with defect minus-zero-accepted: a minus sign too, refused when negative. */
  private static final Pattern SIGNED_DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private final Defects defects;

  public RunQueryParser(Defects defects) {
    this.defects = defects;
  }

  public ParsedQuery parse(RawQuery raw) {
    return new Run(raw).parse();
  }

  /** One parse: the problems found so far, by parameter. */
  private final class Run {
    private final RawQuery raw;
    private final Map<String, String> problems = new LinkedHashMap<>();

    Run(RawQuery raw) {
      this.raw = raw;
    }

    ParsedQuery parse() {
      String appId = single(APP_ID, true);
      if (appId != null && appId.codePointCount(0, appId.length()) > MAX_APP_ID) {
        problem(APP_ID, "must be at most " + MAX_APP_ID + " characters, got " + length(appId));
      }
      Rfc3339.ExactInstant start = time(START_TIME);
      Rfc3339.ExactInstant end = time(END_TIME);
      if (start != null && end != null && start.compareTo(end) > 0
          && !defects.has(Defect.REVERSED_WINDOW_ACCEPTED)) {
        problem(START_TIME, "must not be after end_time");
        problem(END_TIME, "must not be before start_time");
      }
      if (start != null && end != null && start.exact().compareTo(end.exact()) == 0
          && defects.has(Defect.SINGLE_INSTANT_REFUSED)) {
        problem(END_TIME, "must be after start_time");
      }
      String search = searchTerm();
      List<String> models = names(MODELS);
      List<String> tags = names(TAGS);
      Set<String> types = types();
      BigDecimal min = duration(MIN_DURATION);
      BigDecimal max = duration(MAX_DURATION);
      if (min != null && max != null && min.compareTo(max) > 0) {
        problem(MIN_DURATION, "must not be above max_duration");
        problem(MAX_DURATION, "must not be below min_duration");
      }
      int defaultLimit = defects.has(Defect.DEFAULT_LIMIT_10) ? 10 : RunQuery.DEFAULT_LIMIT;
      Integer limit = integer(LIMIT, 1, MAX_LIMIT, defaultLimit);
      Integer page = integer(PAGE, 0, MAX_PAGE, RunQuery.DEFAULT_PAGE);
      SortOrder order = order();

      if (!problems.isEmpty()) {
        List<ParameterProblem> list = new ArrayList<>();
        for (String name : PARAMETERS) {
          if (problems.containsKey(name)) {
            list.add(new ParameterProblem(name, problems.get(name)));
          }
        }
        return ParsedQuery.invalid(list);
      }
      if (min != null && min.signum() == 0 && defects.has(Defect.DURATION_ZERO_IGNORED)) {
        min = null;
      }
      return ParsedQuery.valid(
          new RunQuery(appId, bound(start.ceiling()), bound(end.floor()), search, models, tags, types, min, max,
              limit, page, order));
    }

    /** A bound as compared: the exact one, or (defect bounds-cut-to-second) cut to its second. */
    private java.time.Instant bound(java.time.Instant t) {
      return defects.has(Defect.BOUNDS_CUT_TO_SECOND) ? t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : t;
    }

    private void problem(String parameter, String message) {
      problems.putIfAbsent(parameter, message);
    }

    /**
     * The value of a single-valued parameter, or null when it is absent or already known bad (then
     * the problem is recorded). The empty value is returned as is.
     */
    private String single(String name, boolean required) {
      List<String> values = raw.all(name);
      if (values.isEmpty()) {
        if (required) {
          problem(name, "is required");
        }
        return null;
      }
      if (values.size() > 1) {
        problem(name, "must be given at most once, got " + values.size() + " values");
        return null;
      }
      String value = values.get(0);
      if (RawQuery.isUndecodable(value)) {
        problem(name, "is not validly percent-encoded");
        return null;
      }
      if (value.isEmpty() && !SEARCH.equals(name)) {
        problem(name, "must not be empty");
        return null;
      }
      return value;
    }

    private Rfc3339.ExactInstant time(String name) {
      String value = single(name, true);
      if (value == null) {
        return null;
      }
      return Rfc3339.parse(value, defects.has(Defect.LEAP_SECOND_NEXT_MINUTE))
          .orElseGet(
              () -> {
                problem(name, "must be an RFC 3339 date-time with an offset, like "
                    + "2024-05-01T00:00:00Z, got " + quote(value));
                return null;
              });
    }

    private String searchTerm() {
      String value = single(SEARCH, false);
      if (value != null && value.codePointCount(0, value.length()) > MAX_SEARCH) {
        problem(SEARCH, "must be at most " + MAX_SEARCH + " characters, got " + length(value));
        return null;
      }
      return value;
    }

    /** Names matched exactly ({@code models}, {@code tags}): non-empty, at most 200 characters. */
    private List<String> names(String name) {
      return repeated(name, value -> {
        if (value.isEmpty()) {
          return "must not have an empty value";
        }
        return length(value) > MAX_VALUE_LENGTH
            ? "values must be at most " + MAX_VALUE_LENGTH + " characters, got one of " + length(value)
            : null;
      });
    }

    private Set<String> types() {
      return Set.copyOf(repeated(TYPE, value -> RunTypes.isRunType(value) ? null
          : "must be " + RunTypes.ONE_OF + ", got " + quote(value)));
    }

    /**
     * The distinct values of an array parameter, or none when it has a problem: more than 100
     * values, or a value {@code check} finds wrong (it answers the message, or null when fine).
     */
    private List<String> repeated(String name, Function<String, String> check) {
      List<String> values = raw.all(name);
      if (values.size() > MAX_VALUES) {
        problem(name, "must have at most " + MAX_VALUES + " values, got " + values.size());
      }
      for (String value : values) {
        String message = RawQuery.isUndecodable(value) ? "is not validly percent-encoded" : check.apply(value);
        if (message != null) {
          problem(name, message);
        }
      }
      return problems.containsKey(name) ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    private BigDecimal duration(String name) {
      String value = single(name, false);
      if (value == null) {
        return null;
      }
      Pattern grammar = defects.has(Defect.MINUS_ZERO_ACCEPTED) ? SIGNED_DECIMAL : DECIMAL;
      if (!grammar.matcher(value).matches()) {
        problem(name, "must be a decimal number of seconds, like 0.5, got " + quote(value));
        return null;
      }
      BigDecimal seconds = new BigDecimal(value);
      if (seconds.signum() < 0) {
        problem(name, "must not be negative, got " + quote(value));
        return null;
      }
      return seconds;
    }

    private Integer integer(String name, int min, int max, int absent) {
      if (!raw.has(name)) {
        return absent;
      }
      String value = single(name, false);
      if (value == null) {
        return null;
      }
      boolean inRange =
          DIGITS.matcher(value).matches()
              && new BigInteger(value).compareTo(BigInteger.valueOf(min)) >= 0
              && new BigInteger(value).compareTo(BigInteger.valueOf(max)) <= 0;
      if (!inRange) {
        problem(name, "must be an integer from " + min + " to " + max + ", got " + quote(value));
        return null;
      }
      return Integer.parseInt(value);
    }

    private SortOrder order() {
      if (!raw.has(ORDER)) {
        return SortOrder.DESC;
      }
      String value = single(ORDER, false);
      if (value == null) {
        return null;
      }
      switch (value) {
        case "asc":
          return SortOrder.ASC;
        case "desc":
          return SortOrder.DESC;
        default:
          problem(ORDER, "must be asc or desc, got " + quote(value));
          return null;
      }
    }
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The value as a JSON-ish quoted string, shortened so that a huge value cannot bloat the answer. */
  static String quote(String value) {
    String shown =
        length(value) > 60 ? value.substring(0, value.offsetByCodePoints(0, 60)) + "…" : value;
    return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
