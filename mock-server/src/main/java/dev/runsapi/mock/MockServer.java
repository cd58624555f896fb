package dev.runsapi.mock;

import dev.runsapi.mock.config.ListenAddress;
import dev.runsapi.mock.config.MockSettings;
import dev.runsapi.mock.config.MockSetup;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.MapPropertySource;

/** A running mock server: its Spring context and the URL it listens on. Closing it stops it. */
public final class MockServer implements AutoCloseable {
  /** Where it listens unless {@code --host} says otherwise, and where a client on this machine reaches it. */
  public static final String HOST = MockSettings.DEFAULT_HOST;

  private final ConfigurableApplicationContext context;
  private final MockSetup setup;
  private final int port;

  private MockServer(ConfigurableApplicationContext context, MockSetup setup) {
    this.context = context;
    this.setup = setup;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Start-up failed after the configuration was accepted (the port is taken, say). */
  public static final class StartFailure extends RuntimeException {
    StartFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static MockServer start(MockSetup setup) {
    SpringApplication application = new SpringApplication(MockServerApplication.class);
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    // Our flags decide where we listen, whatever SERVER_PORT or the like say in the environment.
    Map<String, Object> fixed =
        Map.of("server.address", setup.settings().host(), "server.port", setup.settings().port());
    application.addInitializers(
        context -> {
          context.getEnvironment().getPropertySources()
              .addFirst(new MapPropertySource("runs-mock-flags", fixed));
          context.getBeanFactory().registerSingleton("mockSetup", setup);
          context.getBeanFactory().registerSingleton("runsLoaded", new RunsLoaded(setup));
        });
    try {
      return new MockServer(application.run(), setup);
    } catch (SpringApplication.AbandonedRunException e) {
      throw e; // the build's AOT processing stops the run here on purpose
    } catch (RuntimeException e) {
      setup.awaitStore(); // a bad data file is the failure to report, not what Spring made of it
      closeStore(setup);
      throw new StartFailure(describe(e, setup.settings().host(), setup.settings().port()), e);
    }
  }

  /**
   * Holds the start of the web server (a later phase) until the runs are loaded: Spring builds its
   * context beside the load, and the port is bound, and the ready line printed, only once the
   * store is complete. A bad data file fails here, before anything listens.
   */
  private static final class RunsLoaded implements SmartLifecycle {
    private final MockSetup setup;
    private volatile boolean running;

    RunsLoaded(MockSetup setup) {
      this.setup = setup;
    }

    @Override
    public void start() {
      setup.awaitStore();
      running = true;
    }

    @Override
    public void stop() {
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return Integer.MIN_VALUE;
    }
  }

  private static String describe(Throwable failure, String host, int port) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException || t.getClass().getSimpleName().equals("PortInUseException")) {
        return "cannot listen on " + host + ":" + port + ": the port is in use or the address is not"
            + " this machine's (try --port 0)";
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "could not start: " + root;
  }

  public int port() {
    return port;
  }

  /** A URL a client on this machine can use: for a wildcard address, 127.0.0.1. */
  public String url() {
    return "http://" + listenAddress().urlHost() + ":" + port;
  }

  /**
   * What standard error should say besides the ready line: that a wildcard address listens on
   * every interface, and a warning when anyone beyond this machine can read the runs with the
   * keys printed in every README.
   */
  public List<String> notices() {
    ListenAddress address = listenAddress();
    List<String> notices = new ArrayList<>();
    if (address.isWildcard()) {
      notices.add("listening on all interfaces (" + setup.settings().host() + ":" + port + "); " + url()
          + " reaches it from this machine, other machines use one of its addresses");
    }
    if (!address.isLoopback() && builtInKeys()) {
      notices.add("WARNING: listening beyond loopback (" + setup.settings().host() + ") with the built-in"
          + " test keys, which anyone who reaches this port can use; give your own with --apps or"
          + " --api-key/--app-id");
    }
    return notices;
  }

  /** No --apps and no --api-key: the tenants whose keys every README prints. */
  private boolean builtInKeys() {
    return setup.settings().appsFile() == null && setup.settings().apiKey() == null;
  }

  private ListenAddress listenAddress() {
    return ListenAddress.of(setup.settings().host());
  }

  public String readyLine() {
    return setup.readyLine(url());
  }

  public MockSetup setup() {
    return setup;
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      closeStore(setup);
    }
  }

  /** Releases what the store holds (the PostgreSQL store's connection pool). */
  public static void closeStore(MockSetup setup) {
    if (setup.loadedStore() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // stopping anyway; nothing to tell the user
      }
    }
  }
}
