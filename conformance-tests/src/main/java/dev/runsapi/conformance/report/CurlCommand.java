package dev.runsapi.conformance.report;

import dev.runsapi.conformance.report.Secrets.Secret;
import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.ExtraHeader;
import dev.runsapi.conformance.wire.Param;
import dev.runsapi.conformance.wire.UrlEncoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a request as a curl command that a shell runs exactly as the suite sent it, with every header
 * the suite adds (--header). A secret (see {@link Secrets}) is written as its shell variable, in double
 * quotes so that the shell expands it ({@code -H "X-API-Key: $RUNS_API_KEY"}); all else stays in single
 * quotes. A secret that percent-encoding would change (a key with {@code +}, {@code /}, {@code =}) cannot
 * stand in the URL as a variable, so from its parameter on the query goes as {@code -G --data-urlencode}
 * and {@code --data-raw} parts, which curl appends in order.
 */
public final class CurlCommand {

    private CurlCommand() {
    }

    /** Without secrets: everything literal (requests that carry no credential of a run). */
    public static String render(String baseUrl, ApiRequest request) {
        return render(baseUrl, request, Secrets.none());
    }

    public static String render(String baseUrl, ApiRequest request, Secrets secrets) {
        List<String> words = new ArrayList<>(List.of("curl", "-sS", "-g"));
        List<String> headerWords = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            headerWords.add("-H");
            headerWords.add(shell(header(h.getKey(), h.getValue(), secrets,
                    h.getKey().equalsIgnoreCase(ApiRequest.KEY_HEADER))));
        }
        for (ExtraHeader h : secrets.headers()) {
            headerWords.add("-H");
            headerWords.add(shell(header(h.name(), h.value(), secrets, true)));
        }
        List<Param> params = request.params();
        int split = -1;
        for (int i = 0; i < params.size() && split < 0; i++) {
            if (needsCurlEncoding(params.get(i), secrets)) {
                split = i;
            }
        }
        List<Part> url = new ArrayList<>();
        url.add(new Part(baseUrl + ApiRequest.PATH, null, false));
        int inUrl = split < 0 ? params.size() : split;
        for (int i = 0; i < inUrl; i++) {
            url.add(new Part(i == 0 ? "?" : "&", null, false));
            url.addAll(encodedParam(params.get(i), secrets));
        }
        if (split >= 0) {
            words.add("-G");
        }
        words.addAll(headerWords);
        words.add(shell(url));
        if (split >= 0) {
            List<Part> raw = new ArrayList<>();
            for (int i = split; i < params.size(); i++) {
                Param p = params.get(i);
                if (needsCurlEncoding(p, secrets)) {
                    if (!raw.isEmpty()) {
                        words.add("--data-raw");
                        words.add(shell(raw));
                        raw = new ArrayList<>();
                    }
                    List<Part> content = new ArrayList<>();
                    content.add(new Part(UrlEncoding.encode(p.name()) + "=", null, false));
                    content.addAll(value(p.value(), secrets, false, credential(p)));
                    words.add("--data-urlencode");
                    words.add(shell(content));
                } else {
                    if (!raw.isEmpty()) {
                        raw.add(new Part("&", null, false));
                    }
                    raw.addAll(encodedParam(p, secrets));
                }
            }
            if (!raw.isEmpty()) {
                words.add("--data-raw");
                words.add(shell(raw));
            }
        }
        return String.join(" ", words);
    }

    /** POSIX shell single quoting: everything literal, a single quote written as '\''. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** A piece of a shell word: literal text, or a secret's variable (with its case flipped, when so sent). */
    private record Part(String literal, Secret secret, boolean flipped) {
    }

    private static List<Part> header(String name, String value, Secrets secrets, boolean credential) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(name + ": ", null, false));
        parts.addAll(value(value, secrets, false, credential));
        return parts;
    }

    /** Where a credential goes: a short secret is recognised there only (elsewhere "a" is just "a"). */
    private static boolean credential(Param p) {
        return p.name().equals("api_key");
    }

    private static List<Part> encodedParam(Param p, Secrets secrets) {
        if (p.raw()) {
            return List.of(new Part(p.name(), null, false)); // a segment sent exactly as written
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(UrlEncoding.encode(p.name()), null, false));
        if (p.value() != null) {
            parts.add(new Part("=", null, false));
            parts.addAll(value(p.value(), secrets, true, credential(p)));
        }
        return parts;
    }

    /** True when the value holds a secret that percent-encoding changes: it cannot stand in the URL as is. */
    private static boolean needsCurlEncoding(Param p, Secrets secrets) {
        return p.value() != null && value(p.value(), secrets, false, credential(p)).stream()
                .anyMatch(part -> part.secret() != null && !UrlEncoding.encode(part.secret().value()).equals(part.secret().value()));
    }

    /**
     * The value cut into literal text and secrets: in a credential's place, the whole value when it is a
     * secret (or one with its case flipped); anywhere, each occurrence of a secret long enough to be
     * searched for.
     */
    private static List<Part> value(String v, Secrets secrets, boolean urlEncode, boolean credential) {
        List<Part> parts = new ArrayList<>();
        if (credential) {
            var exact = secrets.exact(v);
            if (exact.isPresent()) {
                parts.add(new Part(null, exact.get(), false));
                return parts;
            }
            var flipped = secrets.flipped(v);
            if (flipped.isPresent()) {
                parts.add(new Part(null, flipped.get(), true));
                return parts;
            }
        }
        for (Secret s : secrets.searchable()) {
            int at = v.indexOf(s.value());
            if (at >= 0) {
                parts.addAll(value(v.substring(0, at), secrets, urlEncode, false));
                parts.add(new Part(null, s, false));
                parts.addAll(value(v.substring(at + s.value().length()), secrets, urlEncode, false));
                return parts;
            }
        }
        if (!v.isEmpty()) {
            parts.add(new Part(urlEncode ? UrlEncoding.encode(v) : v, null, false));
        }
        return parts;
    }

    /**
     * One shell word: single-quoted when all is literal; else double-quoted, with {@code \ " $ `} escaped
     * and {@code !} put in single quotes (an interactive bash would expand it even in double quotes).
     */
    private static String shell(List<Part> parts) {
        if (parts.stream().allMatch(p -> p.secret() == null)) {
            StringBuilder all = new StringBuilder();
            parts.forEach(p -> all.append(p.literal()));
            return quote(all.toString());
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (p.secret() == null) {
                for (char c : p.literal().toCharArray()) {
                    if (c == '!') {
                        sb.append("\"'!'\"");
                    } else {
                        if (c == '\\' || c == '"' || c == '$' || c == '`') {
                            sb.append('\\');
                        }
                        sb.append(c);
                    }
                }
            } else if (p.flipped()) {
                sb.append("$(printf %s \"$").append(p.secret().variable()).append("\" | tr a-zA-Z A-Za-z)");
            } else {
                String next = i + 1 < parts.size() && parts.get(i + 1).secret() == null ? parts.get(i + 1).literal() : "";
                boolean extends_ = !next.isEmpty() && (Character.isLetterOrDigit(next.charAt(0)) || next.charAt(0) == '_');
                sb.append(extends_ ? "${" + p.secret().variable() + "}" : "$" + p.secret().variable());
            }
        }
        return sb.append('"').toString();
    }
}
