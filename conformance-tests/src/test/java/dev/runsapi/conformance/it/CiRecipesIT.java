package dev.runsapi.conformance.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI recipes of the suite's README (issue 15 point 5), run as printed: the YAML blocks are read from
 * the README itself, and their shell steps run in order with bash, as the CI would, in a scratch directory
 * that holds the jars this build made (the recipes' own {@code mvn} build step is the one step left out:
 * no second Maven build here). {@code CONFORMANCE_ONLY} narrows the suite to two checks to keep the cost low;
 * the transport and the reports are the same whatever the checks.
 */
class CiRecipesIT {
    static final Path README = Path.of("README.md");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(secrets|vars)\\.([A-Z_]+)\\s*}}");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    static final String ONLY = "errors-auth,tenant-isolation";

    @TempDir
    Path dir;
    private final List<Path> links = new ArrayList<>();

    /** The links to the jars go before the temporary directory is deleted (JUnit warns about each otherwise). */
    @org.junit.jupiter.api.AfterEach
    void removeLinks() throws IOException {
        for (Path l : links) {
            Files.deleteIfExists(l);
        }
    }

    private Path link(Path link, Path target) throws IOException {
        links.add(Files.createSymbolicLink(link, target));
        return link;
    }

    /** The YAML block of the README whose first line is this comment. */
    static JsonNode recipe(String firstLine) throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            if (m.group(1).startsWith(firstLine + "\n")) {
                return new ObjectMapper(new YAMLFactory()).readTree(m.group(1));
            }
        }
        throw new AssertionError("no ```yaml block starting with '" + firstLine + "' in " + README.toAbsolutePath());
    }

    /** A scratch checkout: the two jars where the build puts them. */
    Path workspace() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(ws.resolve("mock-server/target"));
        Files.createDirectories(ws.resolve("conformance-tests/target"));
        link(ws.resolve("mock-server/target/runs-mock-server.jar"), MockServerProcess.jar().toAbsolutePath());
        link(ws.resolve("conformance-tests/target/runs-conformance.jar"),
                Path.of(System.getProperty("conformance.jar", "target/runs-conformance.jar")).toAbsolutePath());
        return ws;
    }

    record Step(String name, int exit, String log) {
    }

    static Step bash(Path ws, String name, String script, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("recipe", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
                .directory(ws.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("step '" + name + "' did not end in 180 s: " + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Step(name, p.exitValue(), out);
    }

    /** Runs a GitHub Actions job's steps as the runner would: after a failure, only `if: always()` steps. */
    static List<Step> runGithubJob(JsonNode job, Path ws, Map<String, String> env, Map<String, String> store)
            throws Exception {
        List<Step> done = new ArrayList<>();
        boolean failed = false;
        for (JsonNode step : job.path("steps")) {
            String run = step.path("run").asText(null);
            if (run == null || run.strip().startsWith("mvn ")) {
                continue;
            }
            if (failed && !step.path("if").asText("").equals("always()")) {
                continue;
            }
            Map<String, String> stepEnv = new HashMap<>(env);
            for (Iterator<Map.Entry<String, JsonNode>> it = step.path("env").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                stepEnv.put(e.getKey(), substitute(EXPRESSION, e.getValue().asText(), m -> m.group(2), store));
            }
            assertFalse(run.contains("${{"), "expressions in run: belong in env: " + run);
            Step s = bash(ws, step.path("name").asText("?"), run, stepEnv);
            done.add(s);
            failed |= s.exit() != 0;
        }
        return done;
    }

    /** Runs a GitLab CI job: its variables expanded, its script in one shell, then after_script in another. */
    static List<Step> runGitlabJob(JsonNode job, Path ws, Map<String, String> env, Map<String, String> store)
            throws Exception {
        Map<String, String> jobEnv = new HashMap<>(env);
        jobEnv.putAll(store);
        for (Iterator<Map.Entry<String, JsonNode>> it = job.path("variables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            jobEnv.put(e.getKey(), substitute(VARIABLE, e.getValue().asText(), m -> m.group(1), store));
        }
        List<String> script = new ArrayList<>();
        job.path("script").forEach(l -> {
            if (!l.asText().strip().startsWith("mvn ")) {
                script.add(l.asText());
            }
        });
        List<String> after = new ArrayList<>();
        job.path("after_script").forEach(l -> after.add(l.asText()));
        List<Step> done = new ArrayList<>();
        done.add(bash(ws, "script", String.join("\n", script), jobEnv));
        if (!after.isEmpty()) {
            done.add(bash(ws, "after_script", String.join("\n", after), jobEnv));
        }
        return done;
    }

    static String substitute(Pattern p, String text, java.util.function.Function<Matcher, String> name,
                             Map<String, String> store) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String n = name.apply(m);
            assertTrue(store.containsKey(n), "the recipe uses " + n + ", which the test does not provide");
            m.appendReplacement(sb, Matcher.quoteReplacement(store.get(n)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static void assertMockStopped(Path ws) throws IOException {
        long pid = Long.parseLong(Files.readString(ws.resolve("mock.pid")).strip());
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // asserted below
            }
        });
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the recipe's mock still runs");
    }

    /** Stops the recipe's mock if a failed assertion left it running. */
    static void killMock(Path ws) {
        try {
            long pid = Long.parseLong(Files.readString(ws.resolve("mock.pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            // never started
        }
    }

    static String describe(List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        steps.forEach(s -> sb.append("--- ").append(s.name()).append(" exit ").append(s.exit()).append('\n').append(s.log()));
        return sb.toString();
    }

    @Test
    void githubMockJob_startsTheMock_runsTheSuite_keepsTheReport_andStopsTheMock() throws Exception {
        JsonNode job = recipe("# .github/workflows/conformance.yml").path("jobs").path("conformance-mock");
        Path ws = workspace();
        try {
            List<Step> steps = runGithubJob(job, ws, Map.of("CONFORMANCE_ONLY", ONLY), Map.of());
            assertTrue(steps.stream().allMatch(s -> s.exit() == 0), describe(steps));
            assertEquals(List.of("Start the mock in the background", "Wait for its ready line", "Run the suite",
                    "Stop the mock"), steps.stream().map(Step::name).toList());
            assertTrue(steps.get(2).log().strip().endsWith("2 passed, 0 failed, 0 skipped"), describe(steps));
            assertArtifact(job.path("steps"), ws);
            assertMockStopped(ws);
        } finally {
            killMock(ws);
        }
    }

    @Test
    void gitlabMockJob_keepsTheReport_andStopsTheMock_alsoWhenTheSuiteFails() throws Exception {
        JsonNode job = recipe("# .gitlab-ci.yml").path("conformance-mock");
        Path ws = workspace();
        try {
            // the mock reads RUNS_MOCK_<FLAG>: with a defect the suite fails, as it would on a broken build
            List<Step> steps = runGitlabJob(job, ws, Map.of("CONFORMANCE_ONLY", ONLY, "RUNS_MOCK_DEFECT", "tenant-leak"),
                    Map.of());
            assertEquals(1, steps.get(0).exit(), describe(steps));
            assertTrue(steps.get(0).log().strip().endsWith("1 passed, 1 failed, 0 skipped"), describe(steps));
            assertEquals(0, steps.get(1).exit(), describe(steps));
            for (JsonNode path : job.path("artifacts").path("paths")) {
                assertTrue(Files.isRegularFile(ws.resolve(path.asText()).resolve("summary.txt")), path.asText());
            }
            assertEquals("always", job.path("artifacts").path("when").asText());
            assertMockStopped(ws);
        } finally {
            killMock(ws);
        }
    }

    @Test
    void deploymentJobs_takeTheKeyAndTheGatewayTokenFromTheSecretStore_andMaskThem() throws Exception {
        try (MockServerProcess deployment = MockServerProcess.inJvm("--rate-limit", "0")) {
            String token = "gw-ci-token-0123456789";
            Map<String, String> store = Map.of("RUNS_API_URL", deployment.url, "RUNS_APP_ID", deployment.appId,
                    "RUNS_API_KEY", deployment.apiKey, "GATEWAY_TOKEN", token);
            JsonNode github = recipe("# .github/workflows/conformance.yml").path("jobs").path("conformance-staging");
            JsonNode gitlab = recipe("# .gitlab-ci.yml").path("conformance-staging");
            List<List<Step>> runs = new ArrayList<>();
            Path ws1 = workspace();
            runs.add(runGithubJob(github, ws1, Map.of("CONFORMANCE_ONLY", ONLY), store));
            assertArtifact(github.path("steps"), ws1);
            Path ws2 = Files.createDirectories(dir.resolve("gitlab"));
            Files.createDirectories(ws2.resolve("conformance-tests/target"));
            link(ws2.resolve("conformance-tests/target/runs-conformance.jar"),
                    ws1.resolve("conformance-tests/target/runs-conformance.jar").toRealPath());
            runs.add(runGitlabJob(gitlab, ws2, Map.of("CONFORMANCE_ONLY", ONLY), store));
            for (List<Step> steps : runs) {
                Step suite = steps.get(steps.size() - 1);
                assertEquals(0, suite.exit(), describe(steps));
                assertTrue(suite.log().strip().endsWith("1 passed, 0 failed, 1 skipped"), describe(steps));
                assertTrue(suite.log().contains("RUNS_HEADER_AUTHORIZATION to the value of --header Authorization"),
                        describe(steps));
                assertFalse(suite.log().contains(token) || suite.log().contains(deployment.apiKey), describe(steps));
            }
            for (Path ws : List.of(ws1, ws2)) {
                String summary = Files.readString(ws.resolve("conformance-report/summary.txt"));
                assertFalse(summary.contains(token) || summary.contains(deployment.apiKey), summary);
            }
        }
    }

    /** The upload step runs also after a failure, and what it uploads is there. */
    static void assertArtifact(JsonNode steps, Path ws) {
        JsonNode upload = null;
        for (JsonNode s : steps) {
            if (s.path("uses").asText().startsWith("actions/upload-artifact@")) {
                upload = s;
            }
        }
        assertTrue(upload != null, "an upload-artifact step");
        assertEquals("always()", upload.path("if").asText());
        Path report = ws.resolve(upload.path("with").path("path").asText());
        assertTrue(Files.isRegularFile(report.resolve("summary.txt")), report.toString());
        assertTrue(Files.isDirectory(report.resolve("junit-xml")) && Files.isDirectory(report.resolve("allure-results")),
                report.toString());
    }
}
