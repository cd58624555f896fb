package dev.runsapi.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the target answered to one request. Header names are lower-cased.
 *
 * @param cutOff why the body is incomplete (the connection broke, it stalled, it was too large), or null
 *               when it came whole; a cut-off body is never parsed ({@code json} is null)
 */
public record ApiResponse(int status, Map<String, List<String>> headers, String body, JsonNode json,
                          String cutOff) {

    /** A whole answer. */
    public ApiResponse(int status, Map<String, List<String>> headers, String body, JsonNode json) {
        this(status, headers, body, json, null);
    }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The media type without parameters, lower-cased, or "" when none. */
    public String mediaType() {
        return header("content-type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The start of the body, for a report. */
    public String bodyExcerpt(int max) {
        if (body == null) {
            return "";
        }
        return body.length() <= max ? body : body.substring(0, max) + "... (" + body.length() + " chars)";
    }

    public String summary() {
        return status + " " + (mediaType().isEmpty() ? "(no content type)" : mediaType())
                + (cutOff == null ? "" : ", cut off: " + cutOff);
    }
}
