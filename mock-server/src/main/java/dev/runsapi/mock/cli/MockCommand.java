package dev.runsapi.mock.cli;

import dev.runsapi.mock.config.DatabaseSettings;
import dev.runsapi.mock.config.ListenAddress;
import dev.runsapi.mock.config.MockSettings;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line of the mock server; {@link #settings()} checks the values together. */
@Command(
    name = "runs-mock-server",
    mixinStandardHelpOptions = true,
    version = "runs-mock-server 1.0.0 (Runs API 1.0.0)",
    sortOptions = false,
    showDefaultValues = true,
    usageHelpWidth = 120,
    description = {
      "The reference mock server of the Runs API (openapi/runs-api.yaml).",
      "Listens on 127.0.0.1 (see --host) and prints one ready line with its URL, an app id and its API key.",
      "Every flag can also be set as the system property runs.mock.<flag> (e.g. -Druns.mock.port=0)",
      "or the environment variable RUNS_MOCK_<FLAG> (e.g. RUNS_MOCK_RATE_LIMIT=0); repeatable flags",
      "take comma-separated values there. A flag on the command line wins."
    })
public final class MockCommand {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port; 0 picks a free one (the ready line names it).")
  int port = MockSettings.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = {
        "IP address to listen on. 0.0.0.0 (or ::) listens on every interface, for a container or a CI",
        "service: the ready line then names 127.0.0.1, and standard error warns while the built-in keys",
        "are in use (give your own with --apps or --api-key/--app-id)."
      })
  String host = MockSettings.DEFAULT_HOST;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the built-in dataset.")
  long seed = MockSettings.DEFAULT_SEED;

  @Option(
      names = "--runs",
      paramLabel = "N",
      description = "Runs of the built-in dataset for the first app; every other app gets N/4.")
  int runs = MockSettings.DEFAULT_RUNS;

  @Option(
      names = "--text-size",
      paramLabel = "BYTES",
      description = {
        "Input and output of each built-in run together about BYTES bytes (a system prompt,",
        "context documents and a long answer around the dataset's sentence, from the seed); 0 keeps",
        "the short sentences. Not with --data."
      })
  int textSize = 0;

  @Option(
      names = "--data",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      paramLabel = "FILE",
      split = ",",
      description = {
        "Load runs from FILE (a JSON array or NDJSON of Run objects, each with an optional",
        "\"appId\"; default: the first app) instead of the built-in dataset. Repeatable."
      })
  List<Path> data = new ArrayList<>();

  @Option(
      names = "--apps",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      paramLabel = "FILE",
      description = {
        "Tenants, apps and keys from a JSON file:",
        "[{\"tenant\":\"acme\",\"apps\":[\"app-acme\"],\"keys\":[\"key-acme-0001\"]}, ...]",
        "Default: acme (app-acme, key-acme-0001) and globex (app-globex, key-globex-0002)."
      })
  Path apps;

  @Option(names = "--api-key",
      showDefaultValue = CommandLine.Help.Visibility.NEVER, paramLabel = "KEY", description = "One tenant with this key (needs --app-id).")
  String apiKey;

  @Option(names = "--app-id",
      showDefaultValue = CommandLine.Help.Visibility.NEVER, paramLabel = "APP", description = "The app of that one tenant (needs --api-key).")
  String appId;

  @Option(
      names = "--rate-limit",
      paramLabel = "N",
      description = "Requests per second per known API key (else per client address); 0 turns it off.")
  int rateLimit = MockSettings.DEFAULT_RATE_LIMIT;

  @Option(names = "--latency-ms", paramLabel = "MS", description = "Delay added to every API request.")
  long latencyMs = 0;

  @Option(
      names = "--live",
      paramLabel = "RATE",
      description = {
        "Live data: every app receives RATE new runs per second (created now, one in ten some seconds",
        "late), some unfinished; unfinished runs end after a while. 0 = data never changes."
      })
  double live = 0;

  @Option(
      names = "--fail-rate",
      paramLabel = "F",
      description = "Fraction (0..1) of otherwise successful API requests answered 500 or 503.")
  double failRate = 0;

  @Option(
      names = "--fail-seed",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      paramLabel = "SEED",
      description = "Seed of the --fail-rate draws (default: --seed).")
  Long failSeed;

  @Option(
      names = "--defect",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      paramLabel = "NAME",
      split = ",",
      converter = DefectConverter.class,
      description = "Switch on a deliberate defect (see below). Repeatable.")
  List<Defect> defects = new ArrayList<>();

  /** Help of the database flags; with --db-url the runs are served from PostgreSQL. */
  private static final String DB_URL_HELP = "Serve the runs from PostgreSQL (jdbc:postgresql://HOST[:PORT]/DB)"
      + " instead of memory; the schema is created or migrated at start-up. The runs of --data are"
      + " added to it; without --data the built-in dataset is loaded only into an empty database.";

  @Option(names = "--db-url", paramLabel = "URL", description = DB_URL_HELP,
      showDefaultValue = CommandLine.Help.Visibility.NEVER)
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", description = "User for --db-url.",
      showDefaultValue = CommandLine.Help.Visibility.NEVER)
  String dbUser;

  @Option(names = "--db-password", paramLabel = "PASSWORD",
      description = "Password for --db-url (RUNS_MOCK_DB_PASSWORD keeps it out of ps).",
      showDefaultValue = CommandLine.Help.Visibility.NEVER)
  String dbPassword;

  /** The usage footer: every defect and the rule it breaks. */
  static String defectsFooter() {
    int width = Arrays.stream(Defect.values()).mapToInt(d -> d.cliName().length()).max().orElse(0);
    return "%nDefects (--defect NAME), each breaking exactly one rule of the contract:%n"
        + Arrays.stream(Defect.values())
            .map(d -> String.format("  %-" + width + "s  %s", d.cliName(), d.rule().replace("%", "%%")))
            .collect(Collectors.joining("%n"))
        + "%n%nExit codes: 0 stopped, 1 could not start (e.g. port in use), 2 bad usage or configuration.";
  }

  MockSettings settings() {
    if (port < 0 || port > 65535) {
      throw usage("--port must be from 0 to 65535, got " + port);
    }
    if (ListenAddress.parse(host).isEmpty()) {
      throw usage("--host must be an IP address to listen on (127.0.0.1, 0.0.0.0, ::1, ::), got \"" + host + "\"");
    }
    if (runs < 0) {
      throw usage("--runs must not be negative, got " + runs);
    }
    if (textSize < 0 || textSize > MockSettings.MAX_TEXT_SIZE) {
      throw usage("--text-size must be from 0 to " + MockSettings.MAX_TEXT_SIZE + " bytes, got " + textSize);
    }
    if (textSize > 0 && !data.isEmpty()) {
      throw usage("--text-size sizes the built-in dataset; it does not apply to the runs of --data");
    }
    if (rateLimit < 0) {
      throw usage("--rate-limit must not be negative, got " + rateLimit);
    }
    if (latencyMs < 0) {
      throw usage("--latency-ms must not be negative, got " + latencyMs);
    }
    if (!(failRate >= 0 && failRate <= 1)) {
      throw usage("--fail-rate must be from 0 to 1, got " + failRate);
    }
    if (!(live >= 0 && live <= 10_000)) {
      throw usage("--live must be from 0 to 10000 runs per second, got " + live);
    }
    if (live > 0 && dbUrl != null) {
      throw usage("--live works with the in-memory store only; leave out --db-url to use it");
    }
    if ((apiKey == null) != (appId == null)) {
      throw usage("--api-key and --app-id go together; give both or neither");
    }
    if (apps != null && apiKey != null) {
      throw usage("give either --apps or --api-key/--app-id, not both");
    }
    if (dbUrl == null && (dbUser != null || dbPassword != null)) {
      throw usage("--db-user and --db-password need --db-url");
    }
    if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
      throw usage("--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DB), got \""
          + new DatabaseSettings(dbUrl, null, null).safeUrl() + "\"");
    }
    return new MockSettings(port, seed, runs, data, apps, apiKey, appId, rateLimit, latencyMs,
        failRate, failSeed == null ? seed : failSeed, Defects.of(defects),
        dbUrl == null ? null : new DatabaseSettings(dbUrl, dbUser, dbPassword), host, live, textSize);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Reads a defect name; an unknown one is a usage error listing the known ones. */
  static final class DefectConverter implements ITypeConverter<Defect> {
    @Override
    public Defect convert(String value) {
      return Defect.byName(value)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "unknown defect \"" + value + "\"; known: "
                          + Arrays.stream(Defect.values()).map(Defect::cliName)
                              .collect(Collectors.joining(", "))));
    }
  }
}
