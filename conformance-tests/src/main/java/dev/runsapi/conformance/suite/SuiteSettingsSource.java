package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.report.RedactingStream;
import dev.runsapi.conformance.report.Secrets;
import dev.runsapi.conformance.wire.ExtraHeader;
import dev.runsapi.conformance.wire.Transport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Settings for a run started by Maven: system properties {@code conformance.*}, else environment
 * variables {@code CONFORMANCE_*} (for CI).
 */
public final class SuiteSettingsSource {

    private SuiteSettingsSource() {
    }

    public static Optional<SuiteRun> fromEnvironment(PrintStream out) {
        String target = get("target");
        String key = get("apiKey");
        String app = get("appId");
        if (target == null || key == null || app == null) {
            return Optional.empty();
        }
        long seed = get("seed") == null ? Seeds.fresh() : Long.parseLong(get("seed"));
        Transport transport = Transport.of(ExtraHeader.parseAll(lines(get("headers"))),
                get("cacert") == null ? null : Path.of(get("cacert")), Boolean.parseBoolean(get("insecure")),
                get("proxy"), System.getenv());
        Settings s = new Settings(target, key, app, get("otherApiKey"), get("otherAppId"), seed,
                get("tries") == null ? Settings.DEFAULT_TRIES : Integer.parseInt(get("tries")),
                Boolean.parseBoolean(get("checkRateLimit")),
                Duration.ofSeconds(get("timeout") == null ? 10 : Long.parseLong(get("timeout"))),
                names(get("only")), names(get("skip")),
                Path.of(get("reportDir") == null ? "target/conformance-report" : get("reportDir")),
                transport, Boolean.parseBoolean(get("showSecrets")));
        // The console's funnel under Maven: everything this test JVM prints from here on is redacted.
        PrintStream masked = RedactingStream.printStream(out, new AtomicReference<>(Secrets.of(s)));
        if (out == System.out) {
            System.setOut(masked);
        }
        masked.println("Runs API conformance: target " + target + ", seed " + seed
                + " (replay with -Dconformance.seed=" + seed + ")");
        ReportFiles.preamble(s).forEach(masked::println);
        RemoteOptions remote = new RemoteOptions(
                get("concurrency") == null ? RemoteOptions.DEFAULT_CONCURRENCY : Integer.parseInt(get("concurrency")),
                get("settle") == null ? RemoteOptions.DEFAULT_SETTLE : Duration.ofSeconds(Long.parseLong(get("settle"))));
        SuiteRun run = new SuiteRun(s, remote, masked);
        run.reportFormats(ReportFormat.parse(get("reportFormat") == null ? java.util.List.of()
                : java.util.List.of(get("reportFormat"))));
        run.markStartedByMaven();
        return Optional.of(run);
    }

    /** conformance.apiKey, else CONFORMANCE_API_KEY; blank counts as absent. */
    static String get(String name) {
        String v = System.getProperty("conformance." + name);
        if (v == null || v.isBlank()) {
            v = System.getenv("CONFORMANCE_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT));
        }
        return v == null || v.isBlank() || v.startsWith("${") ? null : v;
    }

    /** One header a line (conformance.headers or CONFORMANCE_HEADERS). */
    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\r?\\n")).filter(l -> !l.isBlank()).toList();
    }

    static Set<String> names(String csv) {
        if (csv == null) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }
}
