package dev.runsapi.conformance.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.runsapi.conformance.checks.QueryGen;
import dev.runsapi.conformance.checks.Settings;
import dev.runsapi.conformance.wire.ExtraHeader;
import dev.runsapi.conformance.wire.UrlEncoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of a run (both tenants' API keys, the value of every --header) and the shell variables that
 * stand for them in the output: {@code RUNS_API_KEY}, {@code RUNS_OTHER_API_KEY}, {@code
 * RUNS_HEADER_<NAME>}. Masked twice over: {@link CurlCommand} writes the variables where it puts a secret,
 * and {@link #redact} replaces whatever occurrence is left (a body that echoes a key) at every output
 * sink. Values shorter than {@link #MIN_SEARCHED_LENGTH} are masked in the curl lines only: searched for in
 * free text they would replace ordinary letters everywhere.
 */
public final class Secrets {
    public static final int MIN_SEARCHED_LENGTH = 8;

    /** A secret value, the variable that stands for it, and where the user gave it. */
    public record Secret(String value, String variable, String givenAs) {
        public String reference() {
            return "$" + variable;
        }
    }

    private static final Secrets NONE = new Secrets(List.of(), List.of(), true);

    private final List<Secret> secrets;
    private final List<Secret> given;
    private final List<ExtraHeader> headers;
    private final boolean shown;
    private final Pattern searched;

    private Secrets(List<Secret> secrets, List<ExtraHeader> headers, boolean shown) {
        List<Secret> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt((Secret s) -> s.value().length()).reversed());
        this.secrets = List.copyOf(sorted);
        this.given = List.copyOf(secrets);
        this.headers = List.copyOf(headers);
        this.shown = shown;
        this.searched = shown ? null : pattern(this.secrets);
    }

    /** Nothing to mask (tests that render requests without credentials of a run). */
    public static Secrets none() {
        return NONE;
    }

    public static Secrets of(Settings s) {
        return of(s.apiKey(), s.otherApiKey(), s.transport().headers(), s.showSecrets());
    }

    public static Secrets of(String apiKey, String otherApiKey, List<ExtraHeader> headers, boolean shown) {
        List<Secret> list = new ArrayList<>();
        Set<String> variables = new HashSet<>();
        if (apiKey != null && !apiKey.isEmpty()) {
            list.add(new Secret(apiKey, unique("RUNS_API_KEY", variables), "the --api-key you gave"));
        }
        if (otherApiKey != null && !otherApiKey.isEmpty() && !otherApiKey.equals(apiKey)) {
            list.add(new Secret(otherApiKey, unique("RUNS_OTHER_API_KEY", variables),
                    "the --other-api-key you gave"));
        }
        for (ExtraHeader h : headers) {
            if (list.stream().noneMatch(x -> x.value().equals(h.value()))) {
                list.add(new Secret(h.value(), unique("RUNS_HEADER_" + h.name().toUpperCase(Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "_"), variables), "the value of --header " + h.name()));
            }
        }
        return new Secrets(list, headers, shown);
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n); i++) {
            n = name + "_" + i;
        }
        return n;
    }

    /** True with --show-secrets: nothing is masked. */
    public boolean shown() {
        return shown;
    }

    /** The headers sent with every request, in the order given. */
    public List<ExtraHeader> headers() {
        return headers;
    }

    /** Longest value first. */
    public List<Secret> all() {
        return secrets;
    }

    /** The secret whose value this is exactly, unless --show-secrets. */
    Optional<Secret> exact(String value) {
        if (shown || value == null) {
            return Optional.empty();
        }
        return secrets.stream().filter(s -> s.value().equals(value)).findFirst();
    }

    /** The secret this value is with its case flipped (the auth check sends it so), for ASCII secrets. */
    Optional<Secret> flipped(String value) {
        if (shown || value == null) {
            return Optional.empty();
        }
        return secrets.stream().filter(s -> ascii(s.value()) && !QueryGen.flipCase(s.value()).equals(s.value())
                && QueryGen.flipCase(s.value()).equals(value)).findFirst();
    }

    /** Secrets long enough to be looked for inside other text. */
    List<Secret> searchable() {
        return shown ? List.of() : secrets.stream().filter(s -> s.value().length() >= MIN_SEARCHED_LENGTH).toList();
    }

    static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /**
     * The text with every occurrence of a secret of at least {@link #MIN_SEARCHED_LENGTH} characters
     * replaced by its variable: as given, percent-encoded, JSON- and XML-escaped, and in any case (the case
     * of the match differing from the secret's, the variable is followed by "(case changed)").
     */
    public String redact(String text) {
        if (text == null || searched == null) {
            return text;
        }
        Matcher m = searched.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start());
            String hit = m.group();
            Secret s = owner(hit);
            out.append(s.reference());
            if (!forms(s.value()).contains(hit)) {
                out.append("(case changed)");
            }
            last = m.end();
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }

    private Secret owner(String hit) {
        for (Secret s : searchable()) {
            for (String f : forms(s.value())) {
                if (f.equalsIgnoreCase(hit)) {
                    return s;
                }
            }
        }
        throw new IllegalStateException("a match of no secret");
    }

    private static Pattern pattern(List<Secret> secrets) {
        List<String> all = new ArrayList<>();
        for (Secret s : secrets) {
            if (s.value().length() >= MIN_SEARCHED_LENGTH) {
                all.addAll(forms(s.value()));
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder re = new StringBuilder();
        for (String f : all) {
            re.append(re.length() == 0 ? "" : "|").append(Pattern.quote(f));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The spellings a value takes in our outputs: as is, in a URL, in a JSON string, in XML. */
    private static Set<String> forms(String v) {
        Set<String> f = new LinkedHashSet<>();
        f.add(v);
        f.add(UrlEncoding.encode(v));
        f.add(new String(JsonStringEncoder.getInstance().quoteAsString(v)));
        f.add(v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;"));
        f.add(v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        return f;
    }

    /**
     * A command line (as the JVM records it in {@code sun.java.command}, which the JUnit XML lists) with
     * every secret masked, the short ones too: there they stand as whole arguments or after "Name: ".
     */
    public String redactCommandLine(String commandLine) {
        if (commandLine == null || shown) {
            return commandLine;
        }
        String c = redact(commandLine);
        for (Secret s : secrets) {
            c = (c + " ").replace(" " + s.value() + " ", " " + s.reference() + " ")
                    .replace(": " + s.value() + " ", ": " + s.reference() + " ");
            c = c.substring(0, c.length() - 1);
        }
        return c;
    }

    /**
     * The lines that open the report: which variable stands for which secret (or that secrets are shown),
     * and a warning for each secret too short to be searched for in free text.
     */
    public List<String> preamble() {
        List<String> lines = new ArrayList<>();
        if (secrets.isEmpty()) {
            return lines;
        }
        if (shown) {
            lines.add("WARNING: --show-secrets: this output holds the API keys and header values in clear; "
                    + "do not publish it");
            return lines;
        }
        StringBuilder sb = new StringBuilder("secrets masked (--show-secrets prints them): before pasting a curl "
                + "line, set ");
        for (int i = 0; i < given.size(); i++) {
            Secret s = given.get(i);
            sb.append(i == 0 ? "" : i == given.size() - 1 ? " and " : ", ").append(s.variable()).append(" to ")
                    .append(s.givenAs());
        }
        lines.add(sb.toString());
        for (Secret s : given) {
            if (s.value().length() < MIN_SEARCHED_LENGTH) {
                lines.add("warning: " + s.givenAs() + " is shorter than " + MIN_SEARCHED_LENGTH
                        + " characters: it is masked in the curl lines, but not searched for in other text "
                        + "(an answer that echoes it would show it)");
            }
        }
        return lines;
    }
}
