package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;

import java.util.Set;

/**
 * A request that is invalid in a known way, with the parameters a 422 must name: each of
 * {@code named} exactly once and nothing else, or, when the contract leaves it open which of a pair is
 * at fault (a reversed window), at least one of {@code oneOf}.
 */
public record InvalidCase(String description, ApiRequest request, Set<String> named, Set<String> oneOf) {

    public InvalidCase {
        named = Set.copyOf(named);
        oneOf = Set.copyOf(oneOf);
    }

    public static InvalidCase of(String description, ApiRequest request, String... named) {
        return new InvalidCase(description, request, Set.of(named), Set.of());
    }

    /** Every parameter the 422 may name. */
    public Set<String> mayName() {
        java.util.Set<String> s = new java.util.HashSet<>(named);
        s.addAll(oneOf);
        return s;
    }
}
