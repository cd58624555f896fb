package dev.runsapi.conformance.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceCliTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConformanceCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertOneLineError(Outcome o, String containing) {
        assertEquals(2, o.code(), o.out() + o.err());
        String err = o.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertTrue(err.contains(containing), err);
        assertFalse(err.contains("\n"), "one line only: " + err);
        assertFalse(err.contains("Exception"), "no stack trace: " + err);
    }

    @Test
    void missingTarget_isAUsageError() {
        assertOneLineError(run("--api-key", "k", "--app-id", "a"), "--target is required");
    }

    @Test
    void unknownCheckName_isAUsageErrorThatListsTheChecks() {
        assertOneLineError(run("--target", "http://127.0.0.1:1", "--api-key", "k", "--app-id", "a", "--only",
                "filter-typo"), "unknown check 'filter-typo'; the checks are errors-validation");
    }

    @Test
    void unknownReportFormat_isAUsageErrorThatListsTheFormats() {
        assertOneLineError(run("--target", "http://127.0.0.1:1", "--api-key", "k", "--app-id", "a",
                "--report-format", "json,xml"),
                "unknown report format 'xml'; the formats are default, json");
    }

    @Test
    void unknownOption_isAUsageError() {
        assertOneLineError(run("--frobnicate"), "Unknown option");
    }

    @Test
    void help_printsEveryFlagAndExitsZero() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        for (String flag : new String[] {"--target", "--api-key", "--app-id", "--other-api-key", "--other-app-id",
                "--seed", "--tries", "--only", "--skip", "--report-dir", "--check-rate-limit", "--timeout", "--header",
            "--cacert", "--insecure", "--proxy", "--show-secrets"}) {
            assertTrue(o.out().contains(flag), flag);
        }
    }

    @Test
    void aTargetThatIsDown_exitsTwoWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Outcome o = run("--target", "http://127.0.0.1:" + port, "--api-key", "k", "--app-id", "a", "--timeout", "2",
                "--report-dir", "target/cli-test-report");
        assertOneLineError(o, "cannot connect to http://127.0.0.1:" + port);
    }

    @Test
    void aTargetThatServesHtml_exitsTwoSayingItIsNotTheRunsApi() throws Exception {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext("/", ex -> {
            byte[] page = "<html><body>Welcome</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        html.start();
        try {
            String url = "http://127.0.0.1:" + html.getAddress().getPort();
            Outcome o = run("--target", url, "--api-key", "k", "--app-id", "a", "--timeout", "2",
                    "--report-dir", "target/cli-test-report");
            assertOneLineError(o, "does not speak the Runs API");
            assertTrue(o.err().contains("200 text/html"), o.err());
        } finally {
            html.stop(0);
        }
    }

    @Test
    void aTargetThatNeverAnswers_timesOutAndExitsTwo() throws Exception {
        HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        silent.createContext("/", ex -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        silent.start();
        try {
            long t0 = System.nanoTime();
            Outcome o = run("--target", "http://127.0.0.1:" + silent.getAddress().getPort(), "--api-key", "k",
                    "--app-id", "a", "--timeout", "1", "--report-dir", "target/cli-test-report");
            assertOneLineError(o, "did not answer within 1 s");
            assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "no hang");
        } finally {
            silent.stop(0);
        }
    }

    static final String[] TARGET = {"--target", "http://127.0.0.1:1", "--api-key", "k", "--app-id", "a"};

    static Outcome runWith(String... more) {
        String[] all = java.util.Arrays.copyOf(TARGET, TARGET.length + more.length);
        System.arraycopy(more, 0, all, TARGET.length, more.length);
        return run(all);
    }

    @Test
    void header_withoutColon_isAUsageErrorThatDoesNotEchoTheValue() {
        Outcome o = runWith("--header", "Bearer secret-token-123");
        assertOneLineError(o, "--header #1 has no ':'");
        assertFalse(o.err().contains("secret-token-123"), o.err());
    }

    @Test
    void header_refusals_areUsageErrors() {
        assertOneLineError(runWith("--header", ": v"), "empty name");
        assertOneLineError(runWith("--header", "X Token: v"), "may not hold");
        assertOneLineError(runWith("--header", "x-api-KEY: v"), "contract's own credential");
        assertOneLineError(runWith("--header", "Host: example.org"), "set by the HTTP client itself");
        assertOneLineError(runWith("--header", "content-length: 3"), "set by the HTTP client itself");
        assertOneLineError(runWith("--header", "A: 1", "--header", "a: 2"), "given twice");
    }

    @Test
    void cacert_thatIsNoPem_isAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path junk = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertOneLineError(runWith("--cacert", junk.toString()), "holds no PEM certificate");
        assertOneLineError(runWith("--cacert", dir.resolve("missing.pem").toString()), "cannot be read");
        java.nio.file.Path broken = java.nio.file.Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertOneLineError(runWith("--cacert", broken.toString()), "is not a valid PEM certificate file");
    }

    @Test
    void proxy_thatIsNoHttpUrl_isAUsageError() {
        assertOneLineError(runWith("--proxy", "socks5://127.0.0.1:1080"), "only http:// proxies");
        Outcome withCredentials = runWith("--proxy", "http://user:pw-secret@127.0.0.1:3128");
        assertOneLineError(withCredentials, "proxy authentication is not supported");
        assertFalse(withCredentials.err().contains("pw-secret"), withCredentials.err());
    }

    @Test
    void cacertAndInsecure_together_isAUsageError() throws Exception {
        assertOneLineError(runWith("--insecure", "--cacert", "x.pem"), "contradict");
    }

    @Test
    void aProxyThatIsDown_isNamedInTheError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Outcome o = run("--target", "http://127.0.0.1:1", "--api-key", "k", "--app-id", "a", "--timeout", "2",
                "--proxy", "http://127.0.0.1:" + port, "--report-dir", "target/cli-test-report");
        assertOneLineError(o, "cannot connect to http://127.0.0.1:1 through the proxy 127.0.0.1:" + port);
    }
}
