package dev.runsapi.mock.junit;

import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.MockServerMain;
import dev.runsapi.mock.config.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.SearchOption;

/**
 * Starts a Runs API mock server in the test's JVM on 127.0.0.1 and a free port, and stops it
 * afterwards, also when a test fails. Two ways to use it:
 *
 * <ul>
 *   <li>{@link RunsMockTest @RunsMockTest(...)} on the class: one mock for the whole class;
 *   <li>{@code @RegisterExtension static RunsMockExtension mock = RunsMockExtension.builder()...build();}
 *       one mock for the class, or the same on an instance field: a new mock for each test, with
 *       that test's options. Several registered extensions give several mocks at once.
 * </ul>
 *
 * <p>The mock is handed out as a {@link RunsMock}: as a parameter of test and lifecycle methods,
 * in fields of that type (static ones before {@code @BeforeAll}, instance ones before each test),
 * and from {@link #runsMock()}.
 */
public final class RunsMockExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RunsMockExtension.class);

  /** Null when the options come from the {@link RunsMockTest} annotation of the test class. */
  private final RunsMockOptions options;

  /** The mock this extension started and has not stopped yet; for {@link #runsMock()}. */
  private volatile RunsMock current;

  /** Used by {@link RunsMockTest}: the options come from the annotation. */
  public RunsMockExtension() {
    this(null);
  }

  private RunsMockExtension(RunsMockOptions options) {
    this.options = options;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The running mock of the current class or test. */
  public RunsMock runsMock() {
    RunsMock mock = current;
    if (mock == null) {
      throw new IllegalStateException("no Runs mock is running for this extension now");
    }
    return mock;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // A @Nested class shares its enclosing class's mock, unless it declares its own annotation.
    boolean ownAnnotation = options == null
        && AnnotationSupport.isAnnotated(context.getRequiredTestClass(), RunsMockTest.class);
    if (find(context) == null || ownAnnotation) {
      start(context);
    }
    injectFields(context, null, find(context));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // Registered on an instance field, the extension is not called before the class: a mock per test.
    if (find(context) == null) {
      start(context);
    }
    RunsMock mock = find(context);
    current = mock;
    injectFields(context, context.getRequiredTestInstance(), mock);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // The store closes what this context started; here only the handle of runsMock() follows.
    Running parent = context.getParent().map(this::running).orElse(null);
    current = parent == null ? null : parent.mock;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Running parent = context.getParent().map(this::running).orElse(null);
    current = parent == null ? null : parent.mock;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunsMock.class;
  }

  @Override
  public RunsMock resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunsMock mock = find(context);
    if (mock == null) {
      throw new ExtensionConfigurationException("no Runs mock is running here: an extension "
          + "registered on an instance field starts its mock before each test, so a @BeforeAll "
          + "method cannot receive it");
    }
    return mock;
  }

  private RunsMock find(ExtensionContext context) {
    Running running = running(context);
    return running == null ? null : running.mock;
  }

  /** This extension's mock in this context or the nearest enclosing one. */
  private Running running(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(this, Running.class);
  }

  private void start(ExtensionContext context) {
    RunsMockOptions chosen = options != null ? options : annotationOptions(context);
    Running running = Running.start(chosen);
    // The store closes it when this context ends, whatever happened in it (JUnit's guarantee).
    context.getStore(NAMESPACE).put(this, running);
    current = running.mock;
  }

  private static RunsMockOptions annotationOptions(ExtensionContext context) {
    Optional<RunsMockTest> annotation = context.getTestClass()
        .flatMap(type -> AnnotationSupport.findAnnotation(type, RunsMockTest.class,
            SearchOption.INCLUDE_ENCLOSING_CLASSES));
    return annotation.map(RunsMockOptions::of).orElse(RunsMockOptions.DEFAULTS);
  }

  /** Sets the fields of type RunsMock: static ones when {@code instance} is null, else the instance's. */
  private void injectFields(ExtensionContext context, Object instance, RunsMock mock) {
    if (mock == null) {
      return;
    }
    Class<?> type = instance == null ? context.getRequiredTestClass() : instance.getClass();
    for (Field field : fieldsOfType(type)) {
      if (ModifierSupport.isStatic(field) != (instance == null)) {
        continue;
      }
      Object owner = context.getStore(NAMESPACE)
          .getOrComputeIfAbsent(new FieldOwner(field, instance), key -> this);
      if (owner != this) {
        throw new ExtensionConfigurationException("two Runs mocks want the field " + field
            + ": with several mocks, read each from its RunsMockExtension (runsMock())");
      }
      try {
        field.setAccessible(true);
        field.set(instance, mock);
      } catch (IllegalAccessException e) {
        throw new ExtensionConfigurationException("cannot set the field " + field, e);
      }
    }
  }

  private static List<Field> fieldsOfType(Class<?> type) {
    return ReflectionSupport.findFields(type,
        f -> f.getType() == RunsMock.class && !Modifier.isFinal(f.getModifiers()),
        HierarchyTraversalMode.TOP_DOWN);
  }

  /** Which extension set a field, so that two mocks never overwrite each other's. */
  private record FieldOwner(Field field, Object instance) {
    @Override
    public boolean equals(Object o) {
      return o instanceof FieldOwner other && other.field.equals(field) && other.instance == instance;
    }

    @Override
    public int hashCode() {
      return field.hashCode() * 31 + System.identityHashCode(instance);
    }
  }

  /**
   * A started mock server; closing it (the store does) stops it. Both closing interfaces, so that
   * JUnit versions before 5.13, which close only CloseableResource, stop it too.
   */
  @SuppressWarnings("deprecation")
  private static final class Running
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final MockServer server;
    private final RunsMock mock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Running(MockServer server) {
      this.server = server;
      List<Tenant> tenants = server.setup().tenants().all();
      Tenant first = tenants.get(0);
      Tenant second = tenants.size() > 1 ? tenants.get(1) : null;
      this.mock = new RunsMock(server.url(), server.port(), first.apps().get(0), first.keys().get(0),
          second == null ? null : second.apps().get(0), second == null ? null : second.keys().get(0),
          server.readyLine());
    }

    /**
     * Starts through the jar's own entry point, so that every option is checked as on the
     * command line; the environment's RUNS_MOCK_* variables and runs.mock.* properties are not
     * read, so that a test is the same on every machine.
     */
    static Running start(RunsMockOptions options) {
      List<String> args = options.commandLine();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      MockServerMain.Launch launch = MockServerMain.launch(args.toArray(String[]::new),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Map.of());
      if (launch.server() == null) {
        String said = (err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8)).strip();
        throw new ExtensionConfigurationException("the Runs mock did not start with "
            + String.join(" ", args) + ": " + (said.isEmpty() ? "exit code " + launch.exitCode() : said));
      }
      return new Running(launch.server());
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        server.close();
      }
    }
  }

  /** Options for {@code @RegisterExtension}; each is the mock's flag of the same name. */
  public static final class Builder {
    private long seed = RunsMockOptions.DEFAULTS.seed();
    private int runs = RunsMockOptions.DEFAULTS.runs();
    private final List<String> data = new ArrayList<>();
    private String apps;
    private String appId;
    private String apiKey;
    private int rateLimit;
    private long latencyMs;
    private double failRate;
    private Long failSeed;
    private final List<String> defects = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    private Builder() {}

    /** {@code --seed} (42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** {@code --runs} (2000). */
    public Builder runs(int runs) {
      this.runs = runs;
      return this;
    }

    /** {@code --data}, repeatable: files of runs instead of the built-in dataset. */
    public Builder data(String... files) {
      data.addAll(Arrays.asList(files));
      return this;
    }

    /** {@code --apps}: tenants, apps and keys from a JSON file. */
    public Builder apps(String file) {
      this.apps = file;
      return this;
    }

    /** {@code --app-id} and {@code --api-key}: one tenant with this app and key. */
    public Builder tenant(String appId, String apiKey) {
      this.appId = appId;
      this.apiKey = apiKey;
      return this;
    }

    /** {@code --rate-limit} (off unless set). */
    public Builder rateLimit(int perSecond) {
      this.rateLimit = perSecond;
      return this;
    }

    /** {@code --latency-ms} (0). */
    public Builder latencyMs(long millis) {
      this.latencyMs = millis;
      return this;
    }

    /** {@code --fail-rate} (0). */
    public Builder failRate(double rate) {
      this.failRate = rate;
      return this;
    }

    /** {@code --fail-seed} (the seed). */
    public Builder failSeed(long seed) {
      this.failSeed = seed;
      return this;
    }

    /** {@code --defect}, repeatable. */
    public Builder defects(String... names) {
      defects.addAll(Arrays.asList(names));
      return this;
    }

    /** Any other flags, as on the mock's command line (for example a flag newer than this builder). */
    public Builder args(String... flags) {
      args.addAll(Arrays.asList(flags));
      return this;
    }

    RunsMockOptions options() {
      return new RunsMockOptions(seed, runs, data, apps, appId, apiKey, rateLimit, latencyMs,
          failRate, failSeed, defects, args);
    }

    public RunsMockExtension build() {
      return new RunsMockExtension(options());
    }
  }
}
