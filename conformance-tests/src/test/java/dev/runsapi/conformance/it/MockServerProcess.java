package dev.runsapi.conformance.it;

import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.MockServerMain;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference mock started as a process, exactly as a user would (ADR 0002): {@code java -jar
 * runs-mock-server.jar --port 0 ...}, ready when it prints its ready line ({@link #start}); or through the same
 * entry point inside the test's JVM ({@link #inJvm}), the way the {@code runs-mock-junit} extension runs it, which
 * saves a JVM start and a cold JIT per mock. Close it to stop it.
 */
public final class MockServerProcess implements AutoCloseable {
    static final Pattern READY = Pattern.compile(
            "^Runs mock server ready on (\\S+) app_id=(\\S+) api_key=(\\S+)(?: other_app_id=(\\S+) other_api_key=(\\S+))?$");

    private final AutoCloseable stop;
    private final StringBuffer log = new StringBuffer();
    public final String url;
    public final String appId;
    public final String apiKey;
    public final String otherAppId;
    public final String otherApiKey;

    private MockServerProcess(AutoCloseable stop, Matcher ready) {
        this.stop = stop;
        this.url = ready.group(1);
        this.appId = ready.group(2);
        this.apiKey = ready.group(3);
        this.otherAppId = ready.group(4);
        this.otherApiKey = ready.group(5);
    }

    /**
     * The mock's command line ({@code MockServerMain}, what the jar's main runs) in this JVM, on 127.0.0.1 and a
     * free port; the environment's {@code RUNS_MOCK_*} variables and {@code runs.mock.*} properties are not read.
     */
    public static MockServerProcess inJvm(String... flags) {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(List.of(flags));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MockServerMain.Launch launch = MockServerMain.launch(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Map.of());
        String said = err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);
        if (launch.server() == null) {
            throw new IllegalStateException("the mock did not start with " + String.join(" ", args) + ": exit code "
                    + launch.exitCode() + "\n" + said);
        }
        MockServer server = launch.server();
        Matcher m = READY.matcher(server.readyLine());
        if (!m.matches()) {
            server.close();
            throw new IllegalStateException("not a ready line: " + server.readyLine());
        }
        return new MockServerProcess(server::close, m);
    }

    private static Path snapshot;

    /**
     * A copy of the mock's jar taken once per test JVM: the mock module may be rebuilt while the ITs run,
     * and a jar rewritten under a running JVM breaks it.
     */
    public static synchronized Path jar() throws java.io.IOException {
        if (snapshot == null) {
            Path jar = Path.of(System.getProperty("mock.jar", "../mock-server/target/runs-mock-server.jar"));
            waitUntilStable(jar);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the mock server jar is missing: " + jar.toAbsolutePath()
                        + " (build it: mvn -pl mock-server package)");
            }
            Path dir = Files.createTempDirectory("runs-mock");
            dir.toFile().deleteOnExit();
            snapshot = Files.copy(jar, dir.resolve("runs-mock-server.jar"));
            snapshot.toFile().deleteOnExit();
        }
        return snapshot;
    }

    /** A jar being rebuilt (missing, or still growing) is waited for, up to 90 s. */
    private static void waitUntilStable(Path jar) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        long lastSize = -1;
        while (System.nanoTime() < deadline) {
            long size = jar.toFile().length();
            if (size > 0 && size == lastSize) {
                return;
            }
            lastSize = size;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static MockServerProcess start(String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Jvm.java(), "-jar", jar().toString(), "--port", "0"));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuffer early = new StringBuffer();
        CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    early.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.matches()) {
                        return m;
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended; reported below
            }
            return null;
        });
        Matcher m;
        try {
            m = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            m = null;
        }
        if (m == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the mock did not print its ready line; it printed:\n" + early);
        }
        MockServerProcess server = new MockServerProcess(() -> {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }, m);
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    server.log.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // stopped
            }
        }, "mock-output");
        drain.setDaemon(true);
        drain.start();
        return server;
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
