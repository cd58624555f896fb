package dev.runsapi.conformance.it;

import dev.runsapi.conformance.cli.ConformanceCli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of the conformance suite, with its exit code and output: its fat jar run as a user runs it
 * ({@link #run}), or its command line run inside the test's JVM ({@link #inJvm}), which saves a JVM start, the
 * loading of the contract and a cold JIT per run. Tests of what only a process shows (exit status, the JVM's own
 * output, options of the JVM, environment variables) use the jar; tests of what the suite finds may run it here.
 */
public record SuiteProcess(int exitCode, String out, String err, long millis) {
    static final Pattern ROW = Pattern.compile("^([a-z-]+)\\s+(PASSED|FAILED|SKIPPED)\\s+(\\d+)\\s+.*$");
    static final Pattern TOTALS = Pattern.compile("wall time ([\\d.]+) s, (\\d+) requests sent, (\\d+) generated queries");

    public static SuiteProcess run(List<String> args) throws Exception {
        return run(List.of(), args, java.util.Map.of());
    }

    /** The suite with options for its JVM (a heap limit, say). */
    public static SuiteProcess run(List<String> jvmOptions, List<String> args) throws Exception {
        return run(jvmOptions, args, java.util.Map.of());
    }

    /**
     * With these environment variables on top of the test JVM's; the proxy variables of the test JVM's
     * environment are left out, so that the runner's own proxy settings cannot change what a test sees.
     */
    public static SuiteProcess run(List<String> args, java.util.Map<String, String> env) throws Exception {
        return run(List.of(), args, env);
    }

    /** With options for its JVM and environment variables on top of the test JVM's. */
    public static SuiteProcess run(List<String> jvmOptions, List<String> args, java.util.Map<String, String> env)
            throws Exception {
        Path jar = Path.of(System.getProperty("conformance.jar", "target/runs-conformance.jar"));
        List<String> cmd = new ArrayList<>(List.of(Jvm.java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(args);
        Path out = Files.createTempFile("suite", ".out");
        Path err = Files.createTempFile("suite", ".err");
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (!env.isEmpty()) {
            pb.environment().keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("the suite did not finish in 180 s: " + Files.readString(out));
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        SuiteProcess r = new SuiteProcess(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /**
     * The suite's command line ({@code ConformanceCli.run}, what the jar's main runs) in this JVM, one run at a
     * time (it funnels System.out and System.err while it runs), on a thread of its own that is given up after
     * 180 s as the process would be killed.
     */
    public static synchronized SuiteProcess inJvm(List<String> args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        FutureTask<Integer> run = new FutureTask<>(() -> ConformanceCli.run(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        Thread thread = new Thread(run, "suite-in-jvm");
        thread.setDaemon(true);
        thread.start();
        int exitCode;
        try {
            exitCode = run.get(180, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("the suite did not finish in 180 s: " + out.toString(StandardCharsets.UTF_8));
        }
        return new SuiteProcess(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - t0) / 1_000_000);
    }

    public static List<String> against(MockServerProcess mock, Path reportDir, String... more) {
        List<String> a = new ArrayList<>(List.of("--target", mock.url, "--api-key", mock.apiKey, "--app-id", mock.appId,
                "--report-dir", reportDir.toString()));
        if (mock.otherApiKey != null) {
            a.addAll(List.of("--other-api-key", mock.otherApiKey, "--other-app-id", mock.otherAppId));
        }
        a.addAll(List.of(more));
        return a;
    }

    /** The verdict of a check in the closing table. */
    public Optional<String> verdict(String check) {
        String[] lines = out.split("\n");
        int tableStart = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("check ") && lines[i].contains("verdict")) {
                tableStart = i;
            }
        }
        for (int i = Math.max(0, tableStart); i < lines.length; i++) {
            Matcher m = ROW.matcher(lines[i]);
            if (tableStart >= 0 && m.matches() && m.group(1).equals(check)) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    public String closingLine() {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    public int generatedQueries() {
        Matcher m = TOTALS.matcher(out);
        return m.find() ? Integer.parseInt(m.group(3)) : -1;
    }

    public int requests() {
        Matcher m = TOTALS.matcher(out);
        return m.find() ? Integer.parseInt(m.group(2)) : -1;
    }

    /** The "read ..." line of the closing table: bytes of all answers, the largest, the baseline's. */
    public Traffic traffic() {
        Matcher m = TRAFFIC.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no traffic line\n" + describe());
        }
        return new Traffic(megabytes(m.group(1)), megabytes(m.group(2)), Integer.parseInt(m.group(3)),
                megabytes(m.group(4)));
    }

    static final Pattern TRAFFIC = Pattern.compile("read ([\\d.]+ [KM]?B) of answers, the largest ([\\d.]+ [KM]?B);"
            + ".*; baseline (\\d+) runs, ([\\d.]+ [KM]?B)");

    private static double megabytes(String s) {
        String[] a = s.split(" ");
        double v = Double.parseDouble(a[0]);
        return switch (a[1]) {
            case "B" -> v / (1024 * 1024);
            case "KB" -> v / 1024;
            default -> v;
        };
    }

    /** Megabytes read in all, of the largest answer, and of the baseline's runs; the baseline's runs. */
    public record Traffic(double totalMb, double largestMb, int baselineRuns, double baselineMb) {
    }

    public String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
