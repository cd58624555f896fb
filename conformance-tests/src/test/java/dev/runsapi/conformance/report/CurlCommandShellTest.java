package dev.runsapi.conformance.report;

import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ExtraHeader;
import dev.runsapi.conformance.wire.Param;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The masked curl lines run through bash ({@code set -u}, curl replaced by a function that prints its
 * arguments): with the variables set, the shell hands curl exactly the request the suite sent.
 */
class CurlCommandShellTest {
    static final String KEY = "key-acme-0001";
    static final String OTHER = "key-globex-0002";
    static final List<ExtraHeader> HEADERS = List.of(new ExtraHeader("Authorization", "Bearer a'b\"c$HOME`x`!y\\z"),
            new ExtraHeader("X-Tenant", "t1"));
    static final Secrets SECRETS = Secrets.of(KEY, OTHER, HEADERS, false);
    static final Map<String, String> ENV = Map.of("RUNS_API_KEY", KEY, "RUNS_OTHER_API_KEY", OTHER,
            "RUNS_HEADER_AUTHORIZATION", HEADERS.get(0).value(), "RUNS_HEADER_X_TENANT", "t1");

    /** The arguments bash passes to curl for this command line. */
    static List<String> argv(String line, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -u; curl() { printf '%s\\0' \"$@\"; }; " + line);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "bash failed on: " + line + "\n" + text);
        List<String> args = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
        args.remove(args.size() - 1);
        return args;
    }

    static List<String> sent(String base, ApiRequest r) {
        List<String> a = new ArrayList<>(List.of("-sS", "-g"));
        r.headers().forEach((k, v) -> a.addAll(List.of("-H", k + ": " + v)));
        HEADERS.forEach(h -> a.addAll(List.of("-H", h.name() + ": " + h.value())));
        a.add(base + r.pathAndQuery());
        return a;
    }

    @Test
    void aRawSegment_goesOutAsWritten() throws Exception {
        // the edge inputs send segments as written (a bare name, a percent-escape that is not UTF-8)
        ApiRequest r = ApiRequest.of(List.of(Param.of("app_id", "app-acme"), Param.raw("search=%C3"), Param.raw("limit")))
                .withHeaderKey(KEY);
        String line = CurlCommand.render("http://127.0.0.1:1", r, SECRETS);
        assertTrue(r.pathAndQuery().contains("search=%C3&limit"), r.pathAndQuery());
        assertEquals(sent("http://127.0.0.1:1", r), argv(line, ENV), line);
    }

    @Test
    void keyInHeaderAndQuery_expandToExactlyTheRequestSent() throws Exception {
        ApiRequest r = ApiRequest.of(List.of(Param.of("app_id", "app-acme"), Param.of("search", "it's $HOME! `x` \"q\""),
                Param.of("api_key", KEY), Param.of("tags", "a_b"))).withHeaderKey(OTHER);
        String line = CurlCommand.render("http://127.0.0.1:1", r, SECRETS);
        assertTrue(line.contains("-H \"X-API-Key: $RUNS_OTHER_API_KEY\""), line);
        assertTrue(line.contains("-H \"Authorization: $RUNS_HEADER_AUTHORIZATION\""), line);
        assertTrue(line.contains("&api_key=$RUNS_API_KEY&"), line);
        for (String secret : List.of(KEY, OTHER, HEADERS.get(0).value(), "t1\"", "t1'")) {
            assertFalse(line.contains(secret), secret + " in " + line);
        }
        assertEquals(sent("http://127.0.0.1:1", r), argv(line, ENV));
    }

    @Test
    void aSecretInsideALongerValue_andTheKeyWithItsCaseFlipped_expandExactly() throws Exception {
        ApiRequest r = ApiRequest.of(List.of(Param.of("search", "x" + KEY + "y"), Param.of("app_id", "a")))
                .withHeaderKey("KEY-ACME-0001");
        String line = CurlCommand.render("http://h", r, SECRETS);
        assertFalse(line.toLowerCase().contains(KEY), line);
        assertTrue(line.contains("search=x${RUNS_API_KEY}y"), line);
        assertEquals(sent("http://h", r), argv(line, ENV));
    }

    @Test
    void aKeyThatUrlEncodingChanges_goesAsDataUrlencode_inTheSameOrder() throws Exception {
        String key = "k+y/z==";
        Secrets s = Secrets.of(key, null, List.of(), false);
        ApiRequest r = ApiRequest.of(List.of(Param.of("app_id", "a"), Param.of("api_key", key), Param.of("limit", "1"),
                new Param("bare", null)));
        String line = CurlCommand.render("http://h", r, s);
        assertEquals("curl -sS -g -G 'http://h/api/v1/run?app_id=a' --data-urlencode \"api_key=$RUNS_API_KEY\" "
                + "--data-raw 'limit=1&bare'", line);
        assertEquals(List.of("-sS", "-g", "-G", "http://h/api/v1/run?app_id=a", "--data-urlencode", "api_key=" + key,
                "--data-raw", "limit=1&bare"), argv(line, Map.of("RUNS_API_KEY", key)));
    }

    @Test
    void withAVariableUnset_theShellRefusesInsteadOfSendingAnEmptyKey() throws Exception {
        String line = CurlCommand.render("http://h", ApiRequest.of(List.of()).withHeaderKey(KEY), Secrets.of(KEY, null,
                List.of(), false));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -u; curl() { :; }; " + line);
        pb.environment().remove("RUNS_API_KEY");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0 && out.contains("RUNS_API_KEY"), out);
    }

    @Test
    void showSecrets_rendersEverythingLiterally() {
        ApiRequest r = ApiRequest.of(List.of(Param.of("api_key", KEY))).withHeaderKey(KEY);
        String line = CurlCommand.render("http://h", r, Secrets.of(KEY, null, List.of(new ExtraHeader("A", "b")), true));
        assertEquals("curl -sS -g -H 'X-API-Key: key-acme-0001' -H 'A: b' 'http://h/api/v1/run?api_key=key-acme-0001'",
                line);
    }

    @Test
    void aOneLetterKey_isMaskedWhereCredentialsGo_andNowhereElse() throws Exception {
        Secrets s = Secrets.of("a", null, List.of(), false);
        ApiRequest r = ApiRequest.of(List.of(Param.of("app_id", "a"), Param.of("search", "a"), Param.of("api_key", "a")))
                .withHeaderKey("a");
        String line = CurlCommand.render("http://h", r, s);
        assertEquals("curl -sS -g -H \"X-API-Key: $RUNS_API_KEY\" \"http://h/api/v1/run?app_id=a&search=a"
                + "&api_key=$RUNS_API_KEY\"", line);
        assertEquals(List.of("-sS", "-g", "-H", "X-API-Key: a", "http://h" + r.pathAndQuery()),
                argv(line, Map.of("RUNS_API_KEY", "a")));
        assertEquals("a banana", s.redact("a banana"));
        assertTrue(s.preamble().get(1).startsWith("warning: the --api-key you gave is shorter than 8 characters"),
                s.preamble().toString());
    }
}
