package dev.runsapi.mock.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one Runs API mock server in this JVM before the class's tests, on 127.0.0.1 and a free
 * port, and stops it after them (also when a test or a callback fails). Test and lifecycle
 * methods receive it as a {@link RunsMock} parameter, fields of type {@link RunsMock} are set.
 *
 * <p>Each attribute is the mock's command-line flag of the same name (see the mock's README);
 * unset, the mock's default applies, except {@link #rateLimit()}, which is off. For options per
 * test, or several mocks in one class, register {@link RunsMockExtension#builder()} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RunsMockExtension.class)
public @interface RunsMockTest {
  /** The value of {@link #failSeed()} that means "the same as {@link #seed()}" (the mock's default). */
  long SAME_AS_SEED = Long.MIN_VALUE;

  /** {@code --seed}: seed of the built-in dataset. */
  long seed() default 42;

  /** {@code --runs}: runs of the first app in the built-in dataset; every other app gets a quarter. */
  int runs() default 2000;

  /** {@code --data}: files of runs (JSON array or NDJSON) instead of the built-in dataset; paths relative to the working directory (the module's under Maven). */
  String[] data() default {};

  /** {@code --apps}: tenants, apps and keys from a JSON file instead of the two default tenants. */
  String apps() default "";

  /** {@code --app-id}: with {@link #apiKey()}, one tenant with this one app. */
  String appId() default "";

  /** {@code --api-key}: with {@link #appId()}, that tenant's key. */
  String apiKey() default "";

  /**
   * {@code --rate-limit}: requests per second per key. Off (0) unless set, unlike the jar's 30, so
   * that a test's own loops are not throttled.
   */
  int rateLimit() default 0;

  /** {@code --latency-ms}: delay added to every {@code /api/v1/run} request. */
  long latencyMs() default 0;

  /** {@code --fail-rate}: fraction (0..1) of otherwise successful requests answered 500 or 503. */
  double failRate() default 0;

  /** {@code --fail-seed}: seed of the fail-rate draws (the n-th request's fate depends on it and n only). */
  long failSeed() default SAME_AS_SEED;

  /** {@code --defect}: deliberate defects to switch on, by the names of the mock's README. */
  String[] defects() default {};

  /**
   * Any other flags, exactly as on the mock's command line, after the ones above: for example
   * {@code {"--db-url", "jdbc:postgresql://127.0.0.1:5432/runs"}}, or a flag newer than this
   * annotation. {@code --port} is always 0 (a free port).
   */
  String[] args() default {};
}
