package dev.runsapi.conformance.it;

import dev.runsapi.mock.store.pg.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock on its PostgreSQL store (issue 6) is as conformant as on memory: an embedded PostgreSQL (the mock
 * server's own test fixture, from its test jar), an empty database, the mock jar started on it with
 * {@code --db-url} (which loads the built-in dataset into it), and the same default run as {@link MockConformanceIT};
 * the mock and the suite in this JVM (MockConformanceIT runs the jars).
 * Both processes are stopped at the end, also when a check fails.
 */
class MockOnPostgresConformanceIT {

    @Test
    void defaultRunAgainstTheMockOnPostgres_passesEveryCheck() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            String url = pg.createDatabase("runs");
            try (MockServerProcess mock = MockServerProcess.inJvm("--db-url", url, "--db-user", "postgres")) {
                assertTrue(runsIn(url) > 0, "the mock loaded its built-in dataset into " + url);
                Path reportDir = MockConformanceIT.REPORTS.resolve("mock-on-postgres");
                MockConformanceIT.assertDefaultRunIsGreen(SuiteProcess.inJvm(SuiteProcess.against(mock, reportDir)),
                        reportDir);
            }
        }
    }

    private static long runsIn(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM runs")) {
            r.next();
            return r.getLong(1);
        }
    }
}
