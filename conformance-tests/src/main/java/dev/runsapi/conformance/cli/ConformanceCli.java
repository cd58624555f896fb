package dev.runsapi.conformance.cli;

import dev.runsapi.conformance.checks.CheckCatalog;
import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.report.CheckResult;
import dev.runsapi.conformance.report.RedactingStream;
import dev.runsapi.conformance.report.Secrets;
import dev.runsapi.conformance.report.Verdict;
import dev.runsapi.conformance.suite.ConformanceSuite;
import dev.runsapi.conformance.suite.Preflight;
import dev.runsapi.conformance.suite.RemoteOptions;
import dev.runsapi.conformance.suite.ReportFiles;
import dev.runsapi.conformance.suite.ReportFormat;
import dev.runsapi.conformance.suite.Seeds;
import dev.runsapi.conformance.suite.SuiteRun;
import dev.runsapi.conformance.wire.ExtraHeader;
import dev.runsapi.conformance.wire.Transport;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@code java -jar runs-conformance.jar --target URL --api-key KEY --app-id APP}: checks a server
 * against openapi/runs-api.yaml. Exit 0 all passed, 1 a violation, 2 bad usage or no Runs API there.
 */
@Command(name = "runs-conformance", mixinStandardHelpOptions = true, version = "runs-conformance 1.0.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Checks a server that claims to implement the Runs API (openapi/runs-api.yaml) and reports, "
                + "with evidence, where it breaks the contract.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (skipped checks say why)", "1:at least one contract violation",
            "2:bad usage, or the target unreachable or not speaking the Runs API"})
public final class ConformanceCli implements Callable<Integer> {
    static final int OK = 0;
    static final int VIOLATION = 1;
    static final int USAGE = 2;

    @Option(names = "--target", paramLabel = "URL", defaultValue = "${env:CONFORMANCE_TARGET}",
            description = "Base URL of the server, e.g. http://127.0.0.1:8080 (env CONFORMANCE_TARGET).")
    String target;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:CONFORMANCE_API_KEY}",
            description = "API key of the tenant that owns --app-id (env CONFORMANCE_API_KEY).")
    String apiKey;

    @Option(names = "--app-id", paramLabel = "APP", defaultValue = "${env:CONFORMANCE_APP_ID}",
            description = "App whose runs are read (env CONFORMANCE_APP_ID).")
    String appId;

    @Option(names = "--other-api-key", paramLabel = "KEY", defaultValue = "${env:CONFORMANCE_OTHER_API_KEY}",
            description = "Key of a second tenant, for tenant-isolation (env CONFORMANCE_OTHER_API_KEY).")
    String otherApiKey;

    @Option(names = "--other-app-id", paramLabel = "APP", defaultValue = "${env:CONFORMANCE_OTHER_APP_ID}",
            description = "An app of the second tenant (env CONFORMANCE_OTHER_APP_ID).")
    String otherAppId;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:CONFORMANCE_SEED}",
            description = "Seed of the generated queries; a run is replayed exactly with the seed it printed.")
    Long seed;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "${env:CONFORMANCE_TRIES:-40}",
            description = "Effort: generated queries per property (default ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--only", paramLabel = "CHECKS", split = ",", defaultValue = "${env:CONFORMANCE_ONLY}",
            description = "Run only these checks (comma-separated; env CONFORMANCE_ONLY).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "CHECKS", split = ",", description = "Do not run these checks.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "Where Allure results, JUnit XML and summary.txt go (default ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--report-format", paramLabel = "FORMAT", split = ",",
            description = "Adds a report format (repeatable or comma-separated): json writes report.json in the report "
                    + "directory; summary.txt, Allure results and JUnit XML are always written (env "
                    + "CONFORMANCE_REPORT_FORMAT).")
    List<String> reportFormat = new ArrayList<>();

    @Option(names = "--check-rate-limit",
            description = "Burst traffic on purpose (bounded) to provoke a 429 and check Retry-After.")
    boolean checkRateLimit;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time-out to connect, to the first byte of an answer and of a stall between its bytes "
                    + "(default ${DEFAULT-VALUE}); a whole answer may take up to 12 times that, at least 120 s.")
    int timeout;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", defaultValue = "${env:CONFORMANCE_HEADERS}",
            description = "Send this header with every request, e.g. a gateway's Authorization (repeatable; env "
                    + "CONFORMANCE_HEADERS, one header a line). Its value is masked in the output. X-API-Key and the "
                    + "headers the HTTP client sets itself (Host, Connection, Content-Length, Expect, Upgrade) are "
                    + "refused.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--cacert", paramLabel = "FILE", defaultValue = "${env:CONFORMANCE_CACERT}",
            description = "PEM file of one or more CA certificates trusted on top of the JVM's trust store "
                    + "(env CONFORMANCE_CACERT).")
    Path caCert;

    @Option(names = "--insecure", defaultValue = "${env:CONFORMANCE_INSECURE:-false}",
            description = "Do not verify the target's TLS certificate nor its host name (test deployments only; "
                    + "warned about on the console and in the report).")
    boolean insecure;

    @Option(names = "--proxy", paramLabel = "URL", defaultValue = "${env:CONFORMANCE_PROXY}",
            description = "HTTP proxy for every request, e.g. http://proxy.example:3128 (overrides HTTPS_PROXY and "
                    + "HTTP_PROXY; NO_PROXY still applies). Without it, https_proxy/HTTPS_PROXY, http_proxy/HTTP_PROXY "
                    + "and no_proxy/NO_PROXY are honoured.")
    String proxy;

    @Option(names = "--show-secrets", defaultValue = "${env:CONFORMANCE_SHOW_SECRETS:-false}",
            description = "Print the API keys and --header values in the output; by default they are replaced by "
                    + "shell variables ($RUNS_API_KEY, $RUNS_OTHER_API_KEY, $RUNS_HEADER_<NAME>).")
    boolean showSecrets;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "${env:CONFORMANCE_CONCURRENCY:-8}",
            description = "Requests in flight at once (default ${DEFAULT-VALUE}); the report is the same whatever N.")
    int concurrency;

    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "${env:CONFORMANCE_SETTLE:-60}",
            description = "Windows read end this long before the start, so runs still being ingested cannot fall "
                    + "into them (default ${DEFAULT-VALUE}).")
    long settle;

    private final PrintStream out;
    private final PrintStream err;
    /** What the console funnels redact; set once the arguments are read. */
    private final AtomicReference<Secrets> secrets;

    ConformanceCli(PrintStream out, PrintStream err, AtomicReference<Secrets> secrets) {
        this.out = out;
        this.err = err;
        this.secrets = secrets;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the CLI and answers its exit code; never throws. Everything it prints, and whatever else the
     * process prints meanwhile (System.out and System.err are funnelled too), goes through the redaction
     * of secrets.
     */
    public static int run(String[] args, PrintStream rawOut, PrintStream rawErr) {
        AtomicReference<Secrets> secrets = new AtomicReference<>(Secrets.none());
        PrintStream out = RedactingStream.printStream(rawOut, secrets);
        PrintStream err = RedactingStream.printStream(rawErr, secrets);
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        System.setOut(RedactingStream.printStream(systemOut, secrets));
        System.setErr(RedactingStream.printStream(systemErr, secrets));
        try {
            ConformanceCli cli = new ConformanceCli(out, err, secrets);
            CommandLine cmd = new CommandLine(cli);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            cmd.setParameterExceptionHandler((ex, a) -> {
                err.println("error: " + ex.getMessage() + " (see --help)");
                return USAGE;
            });
            cmd.setExecutionExceptionHandler((ex, c, p) -> {
                err.println("error: " + oneLine(ex));
                return USAGE;
            });
            return cmd.execute(args);
        } finally {
            System.out.close();
            System.err.close();
            System.setOut(systemOut);
            System.setErr(systemErr);
            out.close();
            err.close();
        }
    }

    @Override
    public Integer call() {
        String usage = usageProblem();
        if (usage != null) {
            err.println("error: " + usage + " (see --help)");
            return USAGE;
        }
        Transport transport;
        try {
            // CONFORMANCE_HEADERS holds one header a line; a header itself never holds a line break
            List<String> given = headers.stream().flatMap(h -> Stream.of(h.split("\\r?\\n"))).toList();
            transport = Transport.of(ExtraHeader.parseAll(given), caCert, insecure, blank(proxy), System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + " (see --help)");
            return USAGE;
        }
        long s = seed == null ? Seeds.fresh() : seed;
        Settings settings = new Settings(target, apiKey, appId, blank(otherApiKey), blank(otherAppId), s, tries,
                checkRateLimit, Duration.ofSeconds(timeout), new LinkedHashSet<>(only), new LinkedHashSet<>(skip),
                reportDir, transport, showSecrets);
        Secrets masked = Secrets.of(settings);
        secrets.set(masked);
        out.println("Runs API conformance: target " + target + ", app " + appId + ", seed " + s
                + " (replay with --seed " + s + ")");
        ReportFiles.preamble(settings).forEach(out::println);
        SuiteRun run = new SuiteRun(settings, new RemoteOptions(concurrency, Duration.ofSeconds(settle)), out)
                .reportFormats(formats());
        try {
            var problem = Preflight.check(run.client(), settings);
            if (problem.isPresent()) {
                err.println("error: " + problem.get());
                return USAGE;
            }
            SuiteRun.install(run);
            launch(settings.reportDir(), masked);
        } finally {
            SuiteRun.install(null);
            run.client().close();
        }
        ReportFiles.finish(run, out);
        if (run.unreachable() != null) {
            err.println("error: the target stopped answering during the run: " + run.unreachable());
            return USAGE;
        }
        List<CheckResult> results = run.results();
        return results.stream().anyMatch(r -> r.verdict() == Verdict.FAILED) ? VIOLATION : OK;
    }

    private String usageProblem() {
        if (blank(target) == null) {
            return "--target is required (or CONFORMANCE_TARGET)";
        }
        if (blank(apiKey) == null) {
            return "--api-key is required (or CONFORMANCE_API_KEY)";
        }
        if (blank(appId) == null) {
            return "--app-id is required (or CONFORMANCE_APP_ID)";
        }
        try {
            URI u = URI.create(target);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                return "--target must be an http(s) URL with a host, got '" + target + "'";
            }
        } catch (IllegalArgumentException e) {
            return "--target is not a URL: '" + target + "'";
        }
        if (tries < 1) {
            return "--tries must be at least 1";
        }
        if (timeout < 1) {
            return "--timeout must be at least 1 second";
        }
        if (concurrency < 1 || concurrency > 64) {
            return "--concurrency must be from 1 to 64, got " + concurrency;
        }
        if (settle < 0) {
            return "--settle must not be negative, got " + settle;
        }
        try {
            formats();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        Set<String> known = new LinkedHashSet<>(CheckCatalog.names());
        for (String n : Stream.concat(only.stream(), skip.stream()).toList()) {
            if (!known.contains(n)) {
                return "unknown check '" + n + "'; the checks are " + String.join(", ", known);
            }
        }
        return null;
    }

    /** The checks as JUnit tests, with Allure (a ServiceLoader listener) and the legacy XML report listening. */
    private void launch(Path reportDir, Secrets secrets) {
        Path allure = reportDir.resolve("allure-results");
        Path xml = reportDir.resolve("junit-xml");
        clean(allure);
        clean(xml);
        System.setProperty("allure.results.directory", allure.toAbsolutePath().toString());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ConformanceSuite.class))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .build();
        StringWriter junitNoise = new StringWriter();
        // The JUnit XML lists every system property, the JVM's command line (and so the keys) among them.
        String commandLine = System.getProperty("sun.java.command");
        if (commandLine != null) {
            System.setProperty("sun.java.command", secrets.redactCommandLine(commandLine));
        }
        // Allure's lifecycle is one per JVM, its directory fixed when first used, and its listener takes the one
        // of the moment it is made (with the launcher): a run inside a JVM that ran one before, or that runs
        // tests with Allure itself, gets its own and gives the old one back.
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allure.toAbsolutePath())));
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, new LegacyXmlReportGeneratingListener(xml, new PrintWriter(junitNoise)));
        } finally {
            Allure.setLifecycle(previous);
            if (commandLine != null) {
                System.setProperty("sun.java.command", commandLine);
            }
        }
    }

    /** --report-format, else CONFORMANCE_REPORT_FORMAT. */
    private Set<ReportFormat> formats() {
        List<String> names = new ArrayList<>(reportFormat);
        String env = System.getenv("CONFORMANCE_REPORT_FORMAT");
        if (names.isEmpty() && env != null && !env.isBlank()) {
            names.add(env);
        }
        return ReportFormat.parse(names);
    }

    private static void clean(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the report directory " + dir + ": " + e.getMessage());
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
