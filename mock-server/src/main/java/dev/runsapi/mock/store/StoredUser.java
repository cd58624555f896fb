package dev.runsapi.mock.store;

import java.time.Instant;
import java.util.Map;

/** The end user a run was made for. {@code props} is an unmodifiable JSON-like map. */
public record StoredUser(String id, Instant createdAt, Instant lastSeen, Map<String, Object> props) {}
