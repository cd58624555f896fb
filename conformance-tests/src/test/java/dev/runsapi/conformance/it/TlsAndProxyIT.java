package dev.runsapi.conformance.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite over TLS and through proxies (issue 15 point 3): the mock behind a TLS relay with a
 * certificate made here, and a forward proxy in the test that counts what goes through it. One mock for
 * all; each run is {@code --only errors-auth} (no baseline read, a dozen requests), which is all it takes
 * to prove the transport.
 */
class TlsAndProxyIT {
    @TempDir
    static Path dir;
    static MockServerProcess mock;
    static SelfSignedCertificate good;
    static SelfSignedCertificate wrongName;
    static TlsRelay tls;
    static TlsRelay tlsWrongName;
    static int mockPort;

    @BeforeAll
    static void start() throws Exception {
        mock = MockServerProcess.inJvm("--rate-limit", "0");
        mockPort = URI.create(mock.url).getPort();
        good = SelfSignedCertificate.make(dir, "runs-test", "ip:127.0.0.1,dns:runs.invalid");
        wrongName = SelfSignedCertificate.make(dir, "elsewhere", "dns:elsewhere.invalid");
        tls = new TlsRelay(good.serverContext(), mockPort);
        tlsWrongName = new TlsRelay(wrongName.serverContext(), mockPort);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (tls != null) {
                tls.close();
            }
            if (tlsWrongName != null) {
                tlsWrongName.close();
            }
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
    }

    static List<String> args(String target, String... more) {
        List<String> a = new ArrayList<>(List.of("--target", target, "--api-key", mock.apiKey, "--app-id", mock.appId,
                "--report-dir", dir.resolve("report").toString(), "--only", "errors-auth", "--seed", "1"));
        a.addAll(List.of(more));
        return a;
    }

    static void assertGreen(SuiteProcess r) {
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("1 passed, 0 failed, 0 skipped", r.closingLine(), r.describe());
    }

    /** Green with --cacert: see environmentProxies_..., whose https run goes to this relay with --cacert. */
    @Test
    void https_withoutTheCa_exits2NamingTheCertificateProblem() throws Exception {
        String target = "https://127.0.0.1:" + tls.port();
        SuiteProcess refused = SuiteProcess.run(args(target));
        assertEquals(2, refused.exitCode(), refused.describe());
        String err = refused.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("error: the TLS certificate of " + target + " is not trusted"), err);
        assertTrue(err.contains("certificate problem") && err.contains("--cacert") && err.contains("--insecure"), err);
        assertFalse(err.contains("Exception") || refused.out().contains("\tat "), refused.describe());
    }

    @Test
    void insecure_acceptsACertificateForAnotherName_andWarnsOnConsoleAndInTheReport() throws Exception {
        String target = "https://127.0.0.1:" + tlsWrongName.port();
        SuiteProcess checked = SuiteProcess.run(args(target, "--cacert", wrongName.pem().toString()));
        assertEquals(2, checked.exitCode(), "the host name is verified without --insecure: " + checked.describe());

        SuiteProcess r = SuiteProcess.run(args(target, "--insecure"));
        assertGreen(r);
        String warning = "WARNING: --insecure: the target's TLS certificate and host name are NOT verified";
        assertTrue(r.out().lines().limit(3).anyMatch(l -> l.startsWith(warning)), r.describe());
        String summary = Files.readString(dir.resolve("report/summary.txt"));
        assertTrue(summary.lines().limit(3).anyMatch(l -> l.startsWith(warning)), summary);
    }

    @Test
    void proxyFlag_carriesEveryRequest_withTheExtraHeader_alsoThoseWithoutAKey() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy()) {
            SuiteProcess r = SuiteProcess.run(args(mock.url, "--proxy", proxy.url(), "--header",
                    "X-Gateway-Token: gw-0123456789"));
            assertGreen(r);
            List<Map<String, String>> seen = proxy.requests();
            assertEquals(r.requests(), seen.size(), "every request through the proxy: " + r.describe());
            assertTrue(seen.stream().allMatch(h -> "gw-0123456789".equals(h.get("x-gateway-token"))), seen.toString());
            assertTrue(seen.stream().anyMatch(h -> !h.containsKey("x-api-key")), "the auth check's keyless requests");
        }
    }

    @Test
    void environmentProxies_carryHttpAndHttpsTargets_thatOnlyTheyCanReach() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy()) {
            // runs.invalid resolves nowhere: only the proxy (which maps every host to 127.0.0.1) reaches it
            SuiteProcess plain = SuiteProcess.run(args("http://runs.invalid:" + mockPort),
                    Map.of("HTTP_PROXY", proxy.url()));
            assertGreen(plain);
            assertEquals(plain.requests(), proxy.requests().size(), plain.describe());

            // https with the CA given by --cacert, through a CONNECT tunnel of https_proxy (written host:port)
            SuiteProcess tunnelled = SuiteProcess.run(args("https://runs.invalid:" + tls.port(), "--cacert",
                    good.pem().toString()), Map.of("https_proxy", proxy.url().replace("http://", "")));
            assertGreen(tunnelled);
            assertTrue(proxy.tunnels() >= 1, "CONNECT tunnels: " + proxy.tunnels());
        }
    }

    @Test
    void noProxy_bypassesTheProxy() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy()) {
            SuiteProcess r = SuiteProcess.run(args(mock.url, "--proxy", proxy.url()), Map.of("NO_PROXY",
                    "localhost,127.0.0.1"));
            assertGreen(r);
            assertEquals(0, proxy.requests().size() + proxy.tunnels());
        }
    }
}
