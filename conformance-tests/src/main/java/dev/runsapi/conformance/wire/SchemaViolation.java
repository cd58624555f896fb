package dev.runsapi.conformance.wire;

import java.util.List;

/** An answer the contract's schema rejects, with the request that got it. */
public record SchemaViolation(ApiRequest request, int status, List<String> messages, String bodyExcerpt) {
}
