package dev.runsapi.mock.store.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool to the PostgreSQL store and its schema. Opening it checks that the database
 * answers and migrates the schema (Flyway, {@code db/migration}); every failure there is bad
 * configuration: one line naming the URL, never a stack trace.
 *
 * <p>Timeouts keep a database outage from hanging requests: connecting 3 s, borrowing a
 * connection from the pool 3 s, a statement 15 s, a silent socket 30 s.
 */
public final class PostgresDatabase implements AutoCloseable {
  static final int CONNECT_TIMEOUT_SECONDS = 3;
  static final long POOL_TIMEOUT_MILLIS = 3000;
  static final long STATEMENT_TIMEOUT_MILLIS = 15000;
  static final int SOCKET_TIMEOUT_SECONDS = 30;
  static final int POOL_SIZE = 8;

  /** Flyway's own INFO lines would be noise on standard error; warnings still show. */
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private final HikariDataSource pool;

  private PostgresDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  public static PostgresDatabase open(DatabaseSettings settings) {
    Properties driver = driverProperties(settings);
    try (Connection probe = DriverManager.getConnection(settings.url(), driver)) {
      probe.isValid(CONNECT_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      throw new ConfigException("cannot connect to the database " + settings.safeUrl()
          + " (--db-url): " + firstLine(e.getMessage()));
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("runs-mock-db");
    config.setJdbcUrl(settings.url());
    config.setDataSourceProperties(driver);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(POOL_TIMEOUT_MILLIS);
    config.setValidationTimeout(Math.min(1000, POOL_TIMEOUT_MILLIS - 1));
    config.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT_MILLIS);
    config.setInitializationFailTimeout(-1); // reachability was checked above, with a clear message
    // the pool's threads belong to the application, not to the request that happened to start them
    // (else Tomcat, stopping, warns that the web application left threads behind)
    ClassLoader loader = PostgresDatabase.class.getClassLoader();
    config.setThreadFactory(task -> {
      Thread thread = new Thread(task, "runs-mock-db");
      thread.setDaemon(true);
      thread.setContextClassLoader(loader);
      return thread;
    });
    PostgresDatabase database = new PostgresDatabase(new HikariDataSource(config));
    try {
      database.migrate(settings);
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static Properties driverProperties(DatabaseSettings settings) {
    Properties p = new Properties();
    if (settings.user() != null) {
      p.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      p.setProperty("password", settings.password());
    }
    p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    p.setProperty("ApplicationName", "runs-mock-server");
    // every statement planned with its own values: from the fifth run of a statement the driver
    // would prepare it on the server, where PostgreSQL may switch to one generic plan for all
    // windows (a day's window and a year's alike); measured: a quarter fewer answers a second
    p.setProperty("prepareThreshold", "0");
    return p;
  }

  private void migrate(DatabaseSettings settings) {
    FLYWAY_LOG.setLevel(Level.WARNING);
    try {
      Flyway.configure(PostgresDatabase.class.getClassLoader())
          .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
          .dataSource(pool)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException | ExceptionInInitializerError e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String reason = cause instanceof SQLException ? cause.getMessage() : e.getMessage();
      throw new ConfigException("cannot create or migrate the schema in " + settings.safeUrl()
          + ": " + firstLine(reason));
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Whether a failure means the database is out of reach or overloaded (answer 503, try again)
   * rather than a fault of the query (500).
   */
  static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientException
        || e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || (state != null
            && (state.startsWith("08") // connection exception
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57"))); // operator intervention: shutdown, statement timeout
  }

  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    return message.strip().lines().findFirst().orElse(message).strip();
  }

  @Override
  public void close() {
    pool.close();
  }
}
