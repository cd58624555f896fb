package dev.runsapi.mock.store.pg;

import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Databases on the embedded server, and runs put in a form that compares every field. */
final class PgTestSupport {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private PgTestSupport() {}

  /** A new empty database on {@code pg}, as the store's settings. */
  static DatabaseSettings newDatabase(EmbeddedPostgresServer pg, String purpose) {
    String url = pg.createDatabase(purpose + "_" + DATABASES.incrementAndGet());
    return new DatabaseSettings(url, "postgres", null);
  }

  static long count(DatabaseSettings db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  static void execute(DatabaseSettings db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The definitions of the indexes on {@code runs}, by name (what the migrations made). */
  static List<String> indexes(DatabaseSettings db) throws SQLException {
    List<String> definitions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'runs' ORDER BY indexname")) {
      while (r.next()) {
        definitions.add(r.getString(1));
      }
    }
    return definitions;
  }

  /**
   * The run with its user's props numbers as BigDecimal: Java's number classes (Integer from the
   * generator, BigInteger from a data file or the database) are not part of what a run is; the
   * JSON written for them is the same.
   */
  static StoredRun comparable(StoredRun run) {
    StoredUser user = run.user();
    StoredUser normal = user == null ? null
        : new StoredUser(user.id(), user.createdAt(), user.lastSeen(), normalMap(user.props()));
    return new StoredRun(run.appId(), run.sequence(), run.id(), run.type(), run.name(),
        run.createdAt(), run.endedAt(), run.promptTokens(), run.completionTokens(), run.tags(),
        run.input(), run.output(), run.error(), normal, run.cost());
  }

  static List<StoredRun> comparable(Collection<StoredRun> runs) {
    return runs.stream().map(PgTestSupport::comparable).toList();
  }

  private static Map<String, Object> normalMap(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, normal(v)));
    return out;
  }

  private static Object normal(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, normal(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(normal(v)));
      return out;
    }
    return value;
  }
}
