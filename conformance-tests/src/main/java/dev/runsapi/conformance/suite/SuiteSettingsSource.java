package dev.runsapi.conformance.suite;

import dev.runsapi.conformance.checks.Settings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
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
        Settings s = new Settings(target, key, app, get("otherApiKey"), get("otherAppId"), seed,
                get("tries") == null ? Settings.DEFAULT_TRIES : Integer.parseInt(get("tries")),
                Boolean.parseBoolean(get("checkRateLimit")),
                Duration.ofSeconds(get("timeout") == null ? 10 : Long.parseLong(get("timeout"))),
                names(get("only")), names(get("skip")),
                Path.of(get("reportDir") == null ? "target/conformance-report" : get("reportDir")));
        out.println("Runs API conformance: target " + target + ", seed " + seed + " (replay with -Dconformance.seed="
                + seed + ")");
        SuiteRun run = new SuiteRun(s, out);
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

    static Set<String> names(String csv) {
        if (csv == null) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }
}
