package dev.runsapi.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One contract violation with its evidence: the rule broken, the (minimal) request as a copy-paste
 * curl command, what the contract expects and what came back; for sets of runs, the ids missing and
 * the ids that should not be there.
 *
 * <p>It also says what kind of deviation it is ({@code kind}: "422 where 200", "runs missing", "order", a
 * schema keyword at a path...) and what tells its cause apart ({@code cause}: the parameters and value
 * classes of the minimal request, e.g. {@code window=single-instant}). Rule, kind and cause make its
 * {@link #signature()}: a check reports each signature once, with how often it was seen ({@code count})
 * and a few examples (run ids, or the cases that showed it).
 */
public record Finding(String rule, String curl, String expected, String got, List<String> missingIds,
                      List<String> unexpectedIds, String note, String responseExcerpt, String kind,
                      List<String> cause, int count, List<String> examples) {
    /** Examples kept per finding: enough to look a few up, few enough to read. */
    public static final int MAX_EXAMPLES = 5;
    private static final Pattern STATUS = Pattern.compile("^(\\d{3})\\b.*", Pattern.DOTALL);

    public Finding {
        missingIds = List.copyOf(missingIds);
        unexpectedIds = List.copyOf(unexpectedIds);
        cause = cause == null ? null : List.copyOf(cause);
        examples = List.copyOf(examples);
        count = Math.max(1, count);
    }

    public static Finding of(String rule, String curl, String expected, String got) {
        return new Finding(rule, curl, expected, got, List.of(), List.of(), null, null, statusKind(expected, got),
                null, 1, List.of());
    }

    /** "422 where 200" when both the expectation and the answer start with a status code, else null. */
    public static String statusKind(String expected, String got) {
        if (expected == null || got == null) {
            return null;
        }
        Matcher e = STATUS.matcher(expected);
        Matcher g = STATUS.matcher(got);
        if (e.matches() && g.matches() && !e.group(1).equals(g.group(1))) {
            return g.group(1) + " where " + e.group(1);
        }
        return null;
    }

    /** What tells this deviation apart from others of the same check: rule, kind and cause. */
    public String signature() {
        StringBuilder sb = new StringBuilder(rule);
        if (kind != null) {
            sb.append(" [").append(kind).append(']');
        }
        if (cause != null && !cause.isEmpty()) {
            sb.append(" (").append(String.join(", ", cause)).append(')');
        }
        return sb.toString();
    }

    /**
     * Whether this (later) finding has the cause of {@code earlier}: the same kind, and value classes that
     * hold the earlier one's or are held by them (the same deviation seen through a more or a less specific
     * request), neither empty (a kind alone says too little).
     */
    public boolean sameCauseAs(Finding earlier) {
        if (sameWrongErrorStatus(earlier)) {
            return true;
        }
        return kind != null && cause != null && earlier.kind != null && earlier.cause != null
                && !earlier.cause.isEmpty() && !cause.isEmpty() && kind.equals(earlier.kind)
                && (cause.containsAll(earlier.cause) || earlier.cause.containsAll(cause));
    }

    /**
     * A wrong error status is one decision of the server's, whichever check saw it: the same "400 where 422"
     * of status cases (no value classes: the case is the cause) in errors-validation, errors-precedence and
     * errors-edge-inputs is one deviation, and so is the schema's "400 not defined" that follows from it. A
     * success where an error is due ("200 where 422") is not folded: each missing validation is a bug of its
     * own; nor is an error where a success is due ("422 where 200"), which depends on what was refused.
     */
    private boolean sameWrongErrorStatus(Finding earlier) {
        if (kind == null || earlier.kind == null || !isEmpty(cause) || !isEmpty(earlier.cause)) {
            return false;
        }
        Matcher was = WRONG_ERROR_STATUS.matcher(earlier.kind);
        if (!was.matches()) {
            return false;
        }
        if (kind.equals(earlier.kind)) {
            return true;
        }
        Matcher undefined = UNDEFINED_STATUS.matcher(kind);
        return undefined.matches() && undefined.group(1).equals(was.group(1));
    }

    private static final Pattern WRONG_ERROR_STATUS = Pattern.compile("([45]\\d\\d) where [45]\\d\\d");
    /** The response-schema check's kind for a status the operation does not define. */
    private static final Pattern UNDEFINED_STATUS =
            Pattern.compile("(\\d{3}) validation\\.response\\.status\\.unknown\\b.*", Pattern.DOTALL);

    private static boolean isEmpty(List<String> cause) {
        return cause == null || cause.isEmpty();
    }

    /** The most basic layer the deviation is in, for the diagnosis list (transport first, semantics last). */
    public Layer layer(String check) {
        if (rule.startsWith("the check completes") || (kind == null && rule.contains("answered 200 with a RunsPage"))) {
            return Layer.TRANSPORT;
        }
        if (check.startsWith("errors-auth") || check.equals("tenant-isolation") || check.equals("errors-precedence")) {
            return Layer.AUTH;
        }
        if (kind != null && kind.matches("\\d{3} where .*")) {
            return Layer.STATUS;
        }
        if (check.equals("response-schema") || check.equals("errors-body") || check.equals("run-fields")) {
            return Layer.SCHEMA;
        }
        return Layer.SEMANTICS;
    }

    /** Layers of deviations, most basic first: what to fix first. */
    public enum Layer {
        TRANSPORT, STATUS, SCHEMA, AUTH, SEMANTICS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Finding withNote(String n) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, n, responseExcerpt, kind, cause, count,
                examples);
    }

    public Finding withResponse(String excerpt) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, note, excerpt, kind, cause, count,
                examples);
    }

    public Finding withIds(List<String> missing, List<String> unexpected) {
        return new Finding(rule, curl, expected, got, missing, unexpected, note, responseExcerpt, kind, cause, count,
                examples);
    }

    public Finding withKind(String k) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, note, responseExcerpt, k, cause, count,
                examples);
    }

    public Finding withCause(List<String> c) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, note, responseExcerpt, kind, c, count,
                examples);
    }

    public Finding withExamples(List<String> e) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, note, responseExcerpt, kind, cause,
                count, e.size() > MAX_EXAMPLES ? e.subList(0, MAX_EXAMPLES) : e);
    }

    public Finding withCount(int n) {
        return new Finding(rule, curl, expected, got, missingIds, unexpectedIds, note, responseExcerpt, kind, cause, n,
                examples);
    }

    /** This finding, seen {@code other.count} more times, with the other's examples added (up to the cap). */
    public Finding merge(Finding other) {
        List<String> ex = new ArrayList<>(examples);
        for (String e : other.examples) {
            if (ex.size() < MAX_EXAMPLES && !ex.contains(e)) {
                ex.add(e);
            }
        }
        return withExamples(ex).withCount(count + other.count);
    }
}
