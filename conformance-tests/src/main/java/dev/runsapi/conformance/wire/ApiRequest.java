package dev.runsapi.conformance.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@code GET /api/v1/run} as sent: parameters in order (repeats allowed) and extra headers.
 * Immutable; the {@code with*} methods return copies.
 */
public record ApiRequest(List<Param> params, Map<String, String> headers) {

    public static final String PATH = "/api/v1/run";
    public static final String KEY_HEADER = "X-API-Key";

    public ApiRequest {
        params = List.copyOf(params);
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static ApiRequest of(List<Param> params) {
        return new ApiRequest(params, Map.of());
    }

    public ApiRequest withParam(String name, String value) {
        List<Param> p = new ArrayList<>(params);
        p.add(Param.of(name, value));
        return new ApiRequest(p, headers);
    }

    /** Replaces every occurrence of the parameter by one with the value (or removes it when value is null). */
    public ApiRequest setParam(String name, String value) {
        List<Param> p = new ArrayList<>();
        boolean done = false;
        for (Param x : params) {
            if (!x.name().equals(name)) {
                p.add(x);
            } else if (!done && value != null) {
                p.add(Param.of(name, value));
                done = true;
            }
        }
        if (!done && value != null) {
            p.add(Param.of(name, value));
        }
        return new ApiRequest(p, headers);
    }

    public ApiRequest without(String name) {
        return without(p -> p.name().equals(name));
    }

    public ApiRequest without(Predicate<Param> drop) {
        return new ApiRequest(params.stream().filter(drop.negate()).toList(), headers);
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return new ApiRequest(params, h);
    }

    public ApiRequest withHeaderKey(String key) {
        return withHeader(KEY_HEADER, key);
    }

    /** Appends a query segment sent exactly as written (see {@link Param#raw}). */
    public ApiRequest withRaw(String segment) {
        List<Param> p = new ArrayList<>(params);
        p.add(Param.raw(segment));
        return new ApiRequest(p, headers);
    }

    public ApiRequest withQueryKey(String key) {
        return withParam("api_key", key);
    }

    public String queryString() {
        return UrlEncoding.queryString(params);
    }

    public String pathAndQuery() {
        return params.isEmpty() ? PATH : PATH + "?" + queryString();
    }
}
