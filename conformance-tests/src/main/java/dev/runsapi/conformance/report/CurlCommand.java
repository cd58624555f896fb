package dev.runsapi.conformance.report;

import dev.runsapi.conformance.wire.ApiRequest;

import java.util.Map;

/** Renders a request as a curl command that a shell runs exactly as the suite sent it. */
public final class CurlCommand {

    private CurlCommand() {
    }

    public static String render(String baseUrl, ApiRequest request) {
        StringBuilder sb = new StringBuilder("curl -sS -g");
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            sb.append(" -H ").append(quote(h.getKey() + ": " + h.getValue()));
        }
        sb.append(' ').append(quote(baseUrl + request.pathAndQuery()));
        return sb.toString();
    }

    /** POSIX shell single quoting: everything literal, a single quote written as '\''. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
