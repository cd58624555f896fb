package dev.runsapi.mock.store.pg;

import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.query.Rfc3339;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Loads runs with COPY, in one transaction, one load at a time (an advisory lock). Into a table
 * that holds runs already: COPY into a temporary staging table, then {@code INSERT ... ON CONFLICT
 * (app_id, id) DO NOTHING} into {@code runs}, so loading the same runs twice adds nothing the second
 * time (a run already there is kept as it is). Into an empty table: COPY straight into it with its
 * secondary indexes dropped, and the indexes built afterwards (a million runs in half the time).
 * Either way a run PostgreSQL cannot hold stops the load with a message naming it, leaving nothing
 * of that load behind, and the table is analyzed for the planner before the load commits. The
 * per-day counts of {@code run_counts} follow each statement that adds runs (its triggers, see
 * V2__run_counts.sql), inside the load's transaction: they commit or vanish with the runs. The ids
 * of one load must be distinct (data files and the generator see to it): into the empty table a
 * repeated one refuses the load.
 */
public final class PostgresRunLoader {
  /** For the index builds of a load (a session setting; PostgreSQL's default is 64MB). */
  private static final String INDEX_BUILD_MEMORY = "256MB";
  /** The transaction-level advisory lock every load takes ("runs" in ASCII): one load at a time. */
  private static final long LOAD_LOCK = 0x72756e73L;
  /** How long a load into the empty table waits for it before going through the staging table. */
  private static final String TAKE_TABLE_TIMEOUT = "2s";
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String NOT_OWNER = "42501";
  private static final Instant FIRST_AD = Instant.parse("0001-01-01T00:00:00Z");
  private static final Pattern COPY_LINE = Pattern.compile("COPY \\S+, line (\\d+)");
  private static final DateTimeFormatter MONTH_ON =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS", Locale.ROOT);

  private PostgresRunLoader() {}

  /** How many runs a load added, and how many it found there already. */
  public record Result(long added, long alreadyThere) {}

  /** A run that PostgreSQL cannot hold as it is. */
  private static final class Unstorable extends RuntimeException {
    Unstorable(String message) {
      super(message, null, false, false);
    }
  }

  static Result load(DataSource dataSource, List<StoredRun> runs) {
    return load(dataSource, () -> runs, false).orElseThrow();
  }

  /**
   * Loads the runs {@code supplier} gives only if the table holds no run, deciding under the load
   * lock (two servers started together on an empty database load the runs once); empty when the
   * table held runs, and then the supplier is not asked.
   */
  static Optional<Result> loadIfEmpty(DataSource dataSource, Supplier<List<StoredRun>> supplier) {
    return load(dataSource, supplier, true);
  }

  private static Optional<Result> load(DataSource dataSource, Supplier<List<StoredRun>> supplier,
      boolean onlyIfEmpty) {
    Batch batch = new Batch(supplier);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      // a large load's index builds or INSERT (seconds each at 1,000,000 runs) send nothing back
      // until they end: the pool's silent-socket limit would cut them; the pool restores it after
      c.setNetworkTimeout(Runnable::run, 0);
      try {
        Optional<Result> result = load(c, batch, onlyIfEmpty);
        c.commit();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (Unstorable e) {
      throw new ConfigException(e.getMessage() + "; nothing of this load was stored");
    } catch (SQLException | IOException e) {
      // PGCopyOutputStream reports the server's refusal as an IOException around it
      SQLException reason = serverError(e);
      String why = reason == null ? e.getMessage() : reason.getMessage();
      throw new ConfigException("cannot load runs into the database" + culprit(reason, batch.runs)
          + ": " + PostgresDatabase.firstLine(why) + "; nothing of this load was stored");
    }
  }

  /** The runs of one load, asked for once the load knows it will store them. */
  private static final class Batch {
    private final Supplier<List<StoredRun>> supplier;
    private List<StoredRun> runs = List.of();

    Batch(Supplier<List<StoredRun>> supplier) {
      this.supplier = supplier;
    }

    List<StoredRun> take() {
      runs = supplier.get();
      return runs;
    }
  }

  private static Optional<Result> load(Connection c, Batch batch, boolean onlyIfEmpty)
      throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL statement_timeout = 0"); // a large load may take its time
      s.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
      // one load at a time, among all servers on this database; readers are not held up, and no
      // privilege beyond connecting is needed
      s.execute("SELECT pg_advisory_xact_lock(" + LOAD_LOCK + ")");
      boolean empty = isEmpty(s);
      if (onlyIfEmpty && !empty) {
        return Optional.empty();
      }
      List<StoredRun> runs = batch.take();
      Map<String, String> dropped = empty ? dropIndexes(s) : null;
      Result result;
      if (dropped != null) {
        copy(c, "runs", runs);
        for (String definition : dropped.values()) {
          s.execute(definition);
        }
        result = new Result(runs.size(), 0);
      } else {
        result = loadBeside(c, s, runs);
      }
      // plans for the data as it now is, without waiting for autovacuum (the table's owner only:
      // for another role PostgreSQL skips it with a warning)
      s.execute("ANALYZE runs, run_counts, run_month_counts");
      return Optional.of(result);
    }
  }

  /**
   * For a load into the empty table: takes the table (ACCESS EXCLUSIVE) and drops its secondary
   * indexes, answering their definitions to build them again after the COPY. Building an index over
   * a million rows at once takes a fraction of the time that growing it row by row does (the
   * trigram indexes most of all). Readers of the empty table wait for the load (or get 503 after
   * their statement timeout). Null, with nothing changed, when the table cannot be had within
   * {@link #TAKE_TABLE_TIMEOUT} (a session holds it) or the role does not own it: the load then
   * goes through the staging table. The primary key stays, so a run named twice is still refused.
   */
  private static Map<String, String> dropIndexes(Statement s) throws SQLException {
    s.execute("SAVEPOINT take_table");
    try {
      s.execute("SET LOCAL lock_timeout = '" + TAKE_TABLE_TIMEOUT + "'");
      s.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      Map<String, String> indexes = new LinkedHashMap<>();
      try (ResultSet r = s.executeQuery("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid)"
          + " FROM pg_index WHERE indrelid = 'runs'::regclass AND NOT indisunique ORDER BY 1")) {
        while (r.next()) {
          indexes.put(r.getString(1), r.getString(2));
        }
      }
      for (String name : indexes.keySet()) {
        s.execute("DROP INDEX " + name);
      }
      s.execute("RELEASE SAVEPOINT take_table");
      s.execute("SET LOCAL lock_timeout = 0");
      return indexes;
    } catch (SQLException e) {
      if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && !NOT_OWNER.equals(e.getSQLState())) {
        throw e;
      }
      s.execute("ROLLBACK TO SAVEPOINT take_table"); // the lock timeout with it
      return null;
    }
  }

  /** Beside runs already there: into a staging table, then only the runs not there yet. */
  private static Result loadBeside(Connection c, Statement s, List<StoredRun> runs)
      throws SQLException, IOException {
    s.execute("CREATE TEMPORARY TABLE runs_load (LIKE runs) ON COMMIT DROP");
    copy(c, "runs_load", runs);
    int added = s.executeUpdate("INSERT INTO runs (" + PostgresRunStore.COLUMNS + ") SELECT "
        + PostgresRunStore.COLUMNS + " FROM runs_load ON CONFLICT (app_id, id) DO NOTHING");
    return new Result(added, runs.size() - added);
  }

  /** Whether {@code runs} holds no run (the store asks it too). */
  static boolean isEmpty(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM runs)")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  private static void copy(Connection c, String table, List<StoredRun> runs)
      throws SQLException, IOException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + table + " (" + PostgresRunStore.COLUMNS + ") FROM STDIN (FORMAT text)");
    try (PGCopyOutputStream stream = new PGCopyOutputStream(copy, 1 << 16);
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
      StringBuilder row = new StringBuilder(1024);
      for (StoredRun run : runs) {
        row.setLength(0);
        appendRow(row, run);
        out.write(row.toString());
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** The server's own error under the driver's wrapping ("Ending write to copy failed"), if any. */
  private static SQLException serverError(Exception e) {
    SQLException any = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return p;
      }
      if (any == null && t instanceof SQLException sql) {
        any = sql;
      }
    }
    return any;
  }

  /** " (run "ID" of app "APP")" for the COPY line a server error names, if it names one. */
  private static String culprit(SQLException e, List<StoredRun> runs) {
    if (e == null) {
      return "";
    }
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage server = p.getServerErrorMessage();
      Matcher m = COPY_LINE.matcher(String.valueOf(server.getWhere()));
      if (m.find()) {
        int line = Integer.parseInt(m.group(1));
        if (line >= 1 && line <= runs.size()) {
          return " at " + name(runs.get(line - 1));
        }
      }
    }
    return "";
  }

  private static String name(StoredRun run) {
    return "run \"" + run.id() + "\" of app \"" + run.appId() + "\"";
  }

  /** One line of COPY's text format: tab-separated, \N for null, backslash escapes. */
  private static void appendRow(StringBuilder row, StoredRun run) {
    StoredUser user = run.user();
    Long duration = run.durationMillis();
    Object[] values = {
      run.appId(), run.id(), run.sequence(), run.type(), run.name(), time(run.createdAt()),
      time(run.endedAt()), duration, run.promptTokens(), run.completionTokens(),
      arrayLiteral(run.tags()), run.input(), run.output(), run.error(), lower(run.input()),
      lower(run.output()), lower(run.error()), user == null ? null : user.id(),
      user == null ? null : time(user.createdAt()), user == null ? null : time(user.lastSeen()),
      user == null ? null : UserProps.write(user.props()), run.cost().toPlainString()
    };
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        row.append('\t');
      }
      Object value = values[i];
      if (value == null) {
        row.append("\\N");
      } else {
        String text = value.toString();
        checkStorable(run, text);
        escapeCopy(row, text);
      }
    }
    row.append('\n');
  }

  /** PostgreSQL text is UTF-8 without U+0000; Java strings may hold both it and lone surrogates. */
  private static void checkStorable(StoredRun run, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\0') {
        throw new Unstorable("cannot load " + name(run)
            + " into the database: PostgreSQL text cannot hold the character U+0000");
      }
      if (Character.isHighSurrogate(ch) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        throw new Unstorable("cannot load " + name(run)
            + " into the database: it holds an unpaired surrogate (not valid Unicode text)");
      }
    }
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /** An instant as PostgreSQL reads it; years before 1 in its own "BC" form. */
  private static String time(Instant instant) {
    if (instant == null) {
      return null;
    }
    if (!instant.isBefore(FIRST_AD)) {
      char[] text = new char[24];
      int length = Rfc3339.formatUtc(instant, 3, text); // runs hold millisecond instants
      return length < 0 ? instant.toString() : new String(text, 0, length);
    }
    // year 0 is 1 BC, -1 is 2 BC, ... (the same proleptic calendar, so Feb 29 stays)
    ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
    return String.format(Locale.ROOT, "%04d-%s+00 BC", 1 - utc.getYear(), MONTH_ON.format(utc));
  }

  /** A text[] literal: every element quoted, with backslash and double quote escaped. */
  private static String arrayLiteral(List<String> values) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"');
      String value = values.get(i);
      for (int j = 0; j < value.length(); j++) {
        char ch = value.charAt(j);
        if (ch == '"' || ch == '\\') {
          out.append('\\');
        }
        out.append(ch);
      }
      out.append('"');
    }
    return out.append('}').toString();
  }

  private static void escapeCopy(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }
}
