package dev.runsapi.mock.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture itself: a server that answers (as root too), has pg_trgm, stops and comes back. */
class EmbeddedPostgresServerTest {

  @Test
  void start_answersOnLoopback_withTrigramsAndRestarts() throws SQLException {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
      String url = pg.createDatabase("fixture");
      assertTrue(url.startsWith("jdbc:postgresql://127.0.0.1:"), url);
      try (Connection c = DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        s.execute("CREATE TABLE t (x int)");
        s.execute("INSERT INTO t VALUES (7)");
        ResultSet r = s.executeQuery("SELECT current_setting('server_encoding'), "
            + "current_user, similarity('word', 'words') > 0");
        r.next();
        assertEquals("UTF8", r.getString(1));
        assertEquals("postgres", r.getString(2));
        assertTrue(r.getBoolean(3));
      }
      pg.stop();
      assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());
      pg.restart();
      try (Connection c = DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT x FROM t")) {
        r.next();
        assertEquals(7, r.getInt(1), "data survives a restart");
      }
    }
  }
}
