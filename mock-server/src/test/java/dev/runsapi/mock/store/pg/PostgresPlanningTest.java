package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.SortOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

/**
 * The store's statements are planned with their own values every time: none is prepared on the
 * server, where PostgreSQL may settle on one generic plan for every window after five runs (which
 * cost a quarter of the mock's answers a second on PostgreSQL).
 */
@ExtendWith(PostgresExtension.class)
class PostgresPlanningTest {
  private static final String APP = "app-acme";

  @Test
  void query_runManyTimes_leavesNoStatementPreparedOnTheServer(EmbeddedPostgresServer pg) throws SQLException {
    try (PostgresRunStore store = PostgresRunStore.open(PgTestSupport.newDatabase(pg, "planning"), List.of(APP))) {
      store.load(RunGenerator.generate(APP, 3, 500));
      RunQuery oneDay = new RunQuery(APP, RunGenerator.EPOCH, RunGenerator.EPOCH.plusSeconds(86_400), null,
          List.of(), List.of("production"), Set.of("llm"), null, null, 5, 0, SortOrder.DESC);
      for (int i = 0; i < 12; i++) { // the driver's default prepares a statement on its fifth run
        store.query(APP, oneDay);
      }
      // one caller at a time: the pool hands back the connection that ran the queries
      try (Connection c = store.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pg_prepared_statements")) {
        r.next();
        assertEquals(0, r.getLong(1));
        assertEquals(0, c.unwrap(PGConnection.class).getPrepareThreshold()); // whichever it is
      }
    }
  }
}
