package dev.runsapi.mock.store.pg;

import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.RunStore;
import dev.runsapi.mock.store.StoreUnavailableException;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The runs in PostgreSQL ({@code --db-url}): the same answers as {@code InMemoryRunStore} to every
 * query, by the same rules, in SQL. It implements the contract only (no deliberate defects).
 *
 * <ul>
 *   <li>window: runs have whole milliseconds, so the bounds are rounded as the in-memory store
 *       rounds them: start up, end down, to the millisecond; both inclusive;
 *   <li>order: {@code created_at}, then {@code id} in byte order ({@code COLLATE "C"}, Java's
 *       {@code String.compareTo} on the ids), both in the query's direction;
 *   <li>search: the term lowered with {@code toLowerCase(Locale.ROOT)}, a literal substring (LIKE
 *       with {@code % _ \} escaped) of input, output or error as lowered by Java at load;
 *   <li>durations: whole milliseconds compared exactly with the bound (numeric); unfinished runs
 *       have none and never match a duration bound;
 *   <li>models exact, tags any ({@code &&}), types any; every query is of one app;
 *   <li>total: told by the page itself when it is the last one, else counted: over the whole UTC
 *       months and days of the window, when only type, model and tag filters are given, the SUM
 *       of the matching groups of {@code run_month_counts} and {@code run_counts} (kept by
 *       triggers, see V2__run_counts.sql) plus the exact {@code COUNT(*)} of the partial days at
 *       the window's ends; else {@code COUNT(*)} of the page's WHERE (the page itself walks the (app_id, created_at, id) index in order and
 *       stops early).
 * </ul>
 */
public final class PostgresRunStore implements RunStore, AutoCloseable {
  static final String COLUMNS =
      "app_id, id, seq, type, name, created_at, ended_at, duration_ms, prompt_tokens,"
          + " completion_tokens, tags, input, output, error, input_lower, output_lower,"
          + " error_lower, user_id, user_created_at, user_last_seen, user_props, cost";

  /**
   * What a query reads: timestamps as epoch milliseconds (exact, and right before year 1, where
   * the driver's own date conversion is not).
   */
  private static final String READ_COLUMNS =
      "app_id, id, seq, type, name, " + epochMillis("created_at") + ", " + epochMillis("ended_at")
          + ", prompt_tokens, completion_tokens, tags, input, output, error, user_id, "
          + epochMillis("user_created_at") + ", " + epochMillis("user_last_seen") + ", user_props, cost";

  /** An instant given as epoch milliseconds, in SQL (exact: interval arithmetic in microseconds). */
  private static final String AT_MILLIS = "(TIMESTAMPTZ 'epoch' + ? * INTERVAL '1 millisecond')";
  private static final long DAY_MILLIS = 86_400_000L;
  private static final String DAYS = "run_counts";
  private static final String MONTHS = "run_month_counts";

  private final PostgresDatabase database;
  private final Set<String> knownApps;

  PostgresRunStore(PostgresDatabase database, Collection<String> knownApps) {
    this.database = database;
    this.knownApps = Set.copyOf(knownApps);
  }

  /** Connects, migrates the schema, and serves the runs of the given apps. */
  public static PostgresRunStore open(DatabaseSettings settings, Collection<String> knownApps) {
    return new PostgresRunStore(PostgresDatabase.open(settings), knownApps);
  }

  DataSource dataSource() {
    return database.dataSource();
  }

  /** Adds runs in one transaction (runs whose app and id are there already are kept as they are). */
  public PostgresRunLoader.Result load(List<StoredRun> runs) {
    return PostgresRunLoader.load(database.dataSource(), runs);
  }

  /**
   * Loads the runs only into a table that holds none, deciding under the load lock; empty (and the
   * runs never asked for) when it held runs.
   */
  public Optional<PostgresRunLoader.Result> loadIfEmpty(Supplier<List<StoredRun>> runs) {
    return PostgresRunLoader.loadIfEmpty(database.dataSource(), runs);
  }

  /** Whether the database holds no run at all. */
  public boolean isEmpty() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      return PostgresRunLoader.isEmpty(s);
    } catch (SQLException e) {
      throw failure("count the runs", e);
    }
  }

  @Override
  public boolean hasApp(String appId) {
    return knownApps.contains(appId);
  }

  @Override
  public RunPage query(String appId, RunQuery query) {
    Sql sql = new Sql(appId, query);
    if (sql.matchesNothing) {
      return new RunPage(List.of(), 0);
    }
    long offset = offset(query);
    try (Connection c = database.dataSource().getConnection()) {
      List<StoredRun> runs = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql.page())) {
        sql.bindPage(s, c, query);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            runs.add(read(r));
          }
        }
      }
      // a page that is neither full nor past the end tells the total by itself
      boolean lastPage = runs.size() < query.limit() && (!runs.isEmpty() || offset == 0);
      long total = lastPage ? offset + runs.size() : count(c, sql);
      return new RunPage(List.copyOf(runs), total);
    } catch (SQLException e) {
      throw failure("query the runs", e);
    }
  }

  private static long offset(RunQuery query) {
    return (long) query.page() * query.limit();
  }

  /**
   * {@code EXPLAIN (ANALYZE, BUFFERS)} of the two statements {@link #query} may send for this
   * query, with its parameters bound: the page, then the count (which {@code query} skips when the
   * page is the last one). For measuring plans (bench's PgScale); the queries are really run.
   */
  public String explain(String appId, RunQuery query) {
    Sql sql = new Sql(appId, query);
    String explain = "EXPLAIN (ANALYZE, BUFFERS) ";
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement page = c.prepareStatement(explain + sql.page());
        PreparedStatement count = c.prepareStatement(explain + sql.count())) {
      sql.bindPage(page, c, query);
      sql.bindCount(count, c);
      return "-- page: " + sql.page() + "\n" + lines(page) + "\n-- count: " + sql.count() + "\n"
          + lines(count);
    } catch (SQLException e) {
      throw failure("explain the query", e);
    }
  }

  private static String lines(PreparedStatement s) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.append(r.getString(1)).append('\n');
      }
    }
    return out.toString();
  }

  private static long count(Connection c, Sql sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql.count())) {
      sql.bindCount(s, c);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static RuntimeException failure(String what, SQLException e) {
    String message = "cannot " + what + " in PostgreSQL: " + PostgresDatabase.firstLine(e.getMessage());
    return PostgresDatabase.isUnavailable(e)
        ? new StoreUnavailableException(message, e)
        : new IllegalStateException(message, e);
  }

  /** The WHERE clause of one query and its parameters. */
  private static final class Sql {
    private static final String WINDOW = "app_id = ? AND created_at >= " + AT_MILLIS
        + " AND created_at <= " + AT_MILLIS;
    /** The filters after the window: type, models and tags first, those run_counts has. */
    private final StringBuilder filters = new StringBuilder();
    private final List<Object> filterParams = new ArrayList<>();
    private final String appId;
    private final long startMillis;
    private final long endMillis;
    private final SortOrder order;
    /** Whether every filter is one that run_counts can answer (type, models, tags). */
    private final boolean countable;
    /** {@link #countParts}, made once: the count statement and its binding must read the same parts. */
    private List<Part> countParts;
    private boolean matchesNothing;

    Sql(String appId, RunQuery query) {
      this.appId = appId;
      this.order = query.order();
      this.startMillis = startMillis(query.startInclusive());
      this.endMillis = query.endInclusive().toEpochMilli(); // floor: runs have whole milliseconds
      if (!query.types().isEmpty()) {
        filters.append(" AND type = ANY (?)");
        filterParams.add(new TextArray(List.copyOf(query.types())));
      }
      if (!query.models().isEmpty()) {
        filters.append(" AND name = ANY (?)");
        filterParams.add(new TextArray(storable(query.models())));
      }
      if (!query.tags().isEmpty()) {
        filters.append(" AND tags && ?");
        filterParams.add(new TextArray(storable(query.tags())));
      }
      String search = query.search();
      boolean searches = search != null && !search.isEmpty();
      countable = query.minDuration() == null && query.maxDuration() == null && !searches;
      if (query.minDuration() != null) {
        filters.append(" AND duration_ms >= ?");
        filterParams.add(query.minDuration().movePointRight(3));
      }
      if (query.maxDuration() != null) {
        filters.append(" AND duration_ms <= ?");
        filterParams.add(query.maxDuration().movePointRight(3));
      }
      if (searches) {
        if (search.indexOf('\0') >= 0) {
          matchesNothing = true; // PostgreSQL text cannot hold U+0000, so no run does
        }
        String pattern = "%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%";
        filters.append(" AND (input_lower LIKE ? ESCAPE '\\' OR output_lower LIKE ? ESCAPE '\\'"
            + " OR error_lower LIKE ? ESCAPE '\\')");
        filterParams.add(pattern);
        filterParams.add(pattern);
        filterParams.add(pattern);
      }
    }

    /** The values PostgreSQL can hold (no U+0000); none left of some means nothing matches. */
    private List<String> storable(List<String> values) {
      List<String> kept = values.stream().filter(v -> v.indexOf('\0') < 0).toList();
      if (kept.isEmpty()) {
        matchesNothing = true;
      }
      return kept;
    }

    /** The page statement: its parameters are those of {@link #bindPage}. */
    String page() {
      return "SELECT " + READ_COLUMNS + " FROM runs WHERE " + WINDOW + filters + " ORDER BY "
          + orderBy() + " LIMIT ? OFFSET ?";
    }

    void bindPage(PreparedStatement s, Connection c, RunQuery query) throws SQLException {
      int next = bindWindow(s, c, 1, startMillis, endMillis);
      s.setInt(next++, query.limit());
      s.setLong(next, offset(query));
    }

    String orderBy() {
      String direction = order == SortOrder.DESC ? " DESC" : " ASC";
      return "created_at" + direction + ", id" + direction;
    }

    /**
     * The parts a count is the sum of, in order: whole UTC months from run_month_counts, the whole
     * days beside them from run_counts, the partial days at the window's ends from runs (from and
     * to: epoch days, end exclusive, for the sums; epoch milliseconds, both inclusive, for runs).
     * Empty ranges are left out. One part, of runs, when the window holds no whole day or a filter
     * is one the counts cannot answer (search, durations).
     */
    private List<Part> countParts() {
      if (countParts == null) {
        countParts = splitForCount();
      }
      return countParts;
    }

    private List<Part> splitForCount() {
      long first = Math.floorDiv(startMillis, DAY_MILLIS)
          + (Math.floorMod(startMillis, DAY_MILLIS) == 0 ? 0 : 1);
      long end = Math.floorDiv(endMillis, DAY_MILLIS)
          + (Math.floorMod(endMillis, DAY_MILLIS) == DAY_MILLIS - 1 ? 1 : 0);
      if (!countable || first >= end) {
        return List.of(new Part(null, startMillis, endMillis));
      }
      List<Part> parts = new ArrayList<>();
      LocalDate firstDay = LocalDate.ofEpochDay(first);
      long firstMonth = firstDay.getDayOfMonth() == 1 ? first
          : firstDay.withDayOfMonth(1).plusMonths(1).toEpochDay();
      long endMonth = LocalDate.ofEpochDay(end).withDayOfMonth(1).toEpochDay();
      if (firstMonth < endMonth) {
        parts.add(new Part(MONTHS, firstMonth, endMonth));
        addIfAny(parts, new Part(DAYS, first, firstMonth));
        addIfAny(parts, new Part(DAYS, endMonth, end));
      } else {
        parts.add(new Part(DAYS, first, end));
      }
      addIfAny(parts, new Part(null, startMillis, first * DAY_MILLIS - 1));
      addIfAny(parts, new Part(null, end * DAY_MILLIS, endMillis));
      return parts;
    }

    private static void addIfAny(List<Part> parts, Part part) {
      if (part.table() == null ? part.from() <= part.to() : part.from() < part.to()) {
        parts.add(part);
      }
    }

    /**
     * The count statement: the sum of {@link #countParts}, each a scalar subquery with the
     * query's filters: a SUM over the groups of run_counts or run_month_counts (their columns
     * type, name and tags are tested as those of runs), or a COUNT(*) of runs in a range of the
     * window index.
     */
    String count() {
      List<Part> parts = countParts();
      if (parts.size() == 1 && parts.get(0).table() == null) {
        return "SELECT COUNT(*) FROM runs WHERE " + WINDOW + filters;
      }
      StringJoiner sql = new StringJoiner(" + ", "SELECT ", "");
      for (Part part : parts) {
        sql.add(part.table() == null
            ? "(SELECT COUNT(*) FROM runs WHERE " + WINDOW + filters + ")"
            : "(SELECT COALESCE(SUM(runs), 0) FROM " + part.table()
                + " WHERE app_id = ? AND day >= ? AND day < ?" + filters + ")");
      }
      return sql.toString();
    }

    void bindCount(PreparedStatement s, Connection c) throws SQLException {
      int next = 1;
      for (Part part : countParts()) {
        next = bindWindow(s, c, next, part.from(), part.to());
      }
    }

    /** Sets the window's and the filters' parameters from {@code i}; returns the next index. */
    private int bindWindow(PreparedStatement s, Connection c, int i, long from, long to)
        throws SQLException {
      s.setString(i, appId);
      s.setLong(i + 1, from);
      s.setLong(i + 2, to);
      return bindFilters(s, c, i + 3);
    }

    private int bindFilters(PreparedStatement s, Connection c, int i) throws SQLException {
      for (Object p : filterParams) {
        if (p instanceof TextArray array) {
          Array sqlArray = c.createArrayOf("text", array.values.toArray());
          s.setArray(i++, sqlArray);
        } else if (p instanceof BigDecimal decimal) {
          s.setBigDecimal(i++, decimal);
        } else {
          s.setString(i++, (String) p);
        }
      }
      return i;
    }
  }

  private record TextArray(List<String> values) {}

  /** A range a count adds up: of a counts table (epoch days, end exclusive) or of runs (null). */
  private record Part(String table, long from, long to) {}

  /** The query's start rounded up to the millisecond, as runs have whole milliseconds. */
  private static long startMillis(Instant start) {
    return start.toEpochMilli() + (start.getNano() % 1_000_000 == 0 ? 0 : 1);
  }

  /** The column as epoch milliseconds, named COLUMN_ms (not the column's own name, so that ORDER
   * BY created_at still means the indexed column). */
  private static String epochMillis(String column) {
    return "(EXTRACT(EPOCH FROM " + column + ") * 1000)::bigint AS " + column + "_ms";
  }

  /** A literal for LIKE ... ESCAPE '\': its wildcards and the escape character escaped. */
  static String escapeLike(String term) {
    StringBuilder out = new StringBuilder(term.length() + 8);
    for (int i = 0; i < term.length(); i++) {
      char ch = term.charAt(i);
      if (ch == '%' || ch == '_' || ch == '\\') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }

  private static StoredRun read(ResultSet r) throws SQLException {
    String userId = r.getString("user_id");
    StoredUser user = userId == null ? null
        : new StoredUser(userId, instant(r, "user_created_at"), instant(r, "user_last_seen"),
            UserProps.parse(r.getString("user_props")));
    Array tags = r.getArray("tags");
    List<String> tagList = List.of((String[]) tags.getArray());
    tags.free();
    return new StoredRun(r.getString("app_id"), r.getLong("seq"), r.getString("id"),
        r.getString("type"), r.getString("name"), instant(r, "created_at"), instant(r, "ended_at"),
        r.getLong("prompt_tokens"), r.getLong("completion_tokens"), tagList, r.getString("input"),
        r.getString("output"), r.getString("error"), user, r.getBigDecimal("cost"));
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    long millis = r.getLong(column + "_ms");
    return r.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  @Override
  public void close() {
    database.close();
  }
}
