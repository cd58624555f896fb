package dev.runsapi.mock.store.pg;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one embedded PostgreSQL server for the whole test run: started on first use, stopped
 * by JUnit when the run ends, whether the tests passed or not (and by a shutdown hook if the JVM
 * ends otherwise). Each test makes its own database on it.
 */
public final class PostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  /** Closed by JUnit at the end of the run. */
  private record Server(EmbeddedPostgresServer pg) implements AutoCloseable {
    @Override
    public void close() {
      pg.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedPostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", k -> new Server(EmbeddedPostgresServer.start()), Server.class)
        .pg();
  }
}
