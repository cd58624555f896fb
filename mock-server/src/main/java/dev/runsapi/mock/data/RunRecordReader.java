package dev.runsapi.mock.data;

import dev.runsapi.mock.query.Rfc3339;
import dev.runsapi.mock.store.Decimals;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns one JSON object of a data file into a run, checking it against the contract's {@code Run}
 * schema and the rules its descriptions add (millisecond timestamps, {@code endedAt} not before
 * {@code createdAt}, {@code duration} equal to their difference, {@code total = prompt +
 * completion}, distinct tags). The optional extra property {@code appId} names the app the run
 * belongs to.
 */
final class RunRecordReader {
  private static final List<String> REQUIRED =
      List.of("id", "type", "name", "createdAt", "endedAt", "duration", "tokens", "tags", "input",
          "output", "error", "user", "cost");
  private static final Set<String> TYPES = Set.of("llm", "tool", "chain", "agent");

  /** A problem with one record; the loader adds the file and line. */
  static final class BadRecord extends RuntimeException {
    BadRecord(String message) {
      super(message, null, false, false);
    }
  }

  private final String defaultApp;
  private final Canonical canonical = new Canonical();

  /** A reader for one load; {@code defaultApp} owns runs that name no {@code appId}. */
  RunRecordReader(String defaultApp) {
    this.defaultApp = defaultApp;
  }

  /** A reader of the same load for another thread (each holds its own canonical values). */
  RunRecordReader sibling() {
    return new RunRecordReader(defaultApp);
  }

  StoredRun read(JsonNode node, long sequence) {
    if (!node.isObject()) {
      throw new BadRecord("a run must be a JSON object");
    }
    for (String field : REQUIRED) {
      if (!node.has(field)) {
        throw new BadRecord("property \"" + field + "\" is missing");
      }
    }
    String app = defaultApp;
    if (node.has("appId")) {
      app = canonical.of(text(node, "appId"));
    }
    String id = text(node, "id");
    String type = text(node, "type");
    if (!TYPES.contains(type)) {
      throw new BadRecord("\"type\" must be one of llm, tool, chain, agent, got \"" + type + "\"");
    }
    type = canonical.of(type);
    String name = canonical.of(string(node, "name"));
    Instant createdAt = time(node, "createdAt");
    Instant endedAt = node.get("endedAt").isNull() ? null : time(node, "endedAt");
    if (endedAt != null && endedAt.isBefore(createdAt)) {
      throw new BadRecord("\"endedAt\" is before \"createdAt\"");
    }
    JsonNode duration = node.get("duration");
    if (endedAt == null) {
      if (!duration.isNull()) {
        throw new BadRecord("\"duration\" must be null when \"endedAt\" is null");
      }
    } else {
      if (!duration.isNumber()) {
        throw new BadRecord("\"duration\" must be a number when \"endedAt\" is set");
      }
      BigDecimal expected = BigDecimal.valueOf(endedAt.toEpochMilli() - createdAt.toEpochMilli(), 3);
      if (duration.decimalValue().compareTo(expected) != 0) {
        throw new BadRecord("\"duration\" is " + duration.decimalValue().toPlainString()
            + " but endedAt - createdAt is " + expected.toPlainString() + " s");
      }
    }
    JsonNode tokens = node.get("tokens");
    if (!tokens.isObject()) {
      throw new BadRecord("\"tokens\" must be an object");
    }
    long prompt = count(tokens, "prompt");
    long completion = count(tokens, "completion");
    long total = count(tokens, "total");
    if (total != prompt + completion) {
      throw new BadRecord("\"tokens.total\" must be prompt + completion");
    }
    List<String> tags = canonical.tags(tags(node.get("tags")));
    String input = canonical.of(string(node, "input"));
    String output = canonical.of(nullableString(node, "output"));
    String error = canonical.of(nullableString(node, "error"));
    StoredUser user = canonical.of(user(node.get("user")));
    JsonNode cost = node.get("cost");
    if (!cost.isNumber() || cost.decimalValue().signum() < 0) {
      throw new BadRecord("\"cost\" must be a number >= 0");
    }
    return new StoredRun(app, sequence, id, type, name, createdAt, endedAt, prompt, completion, tags,
        input, output, error, user, Decimals.plain(cost.decimalValue()));
  }

  private static String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new BadRecord("\"" + field + "\" must be a string");
    }
    return value.asString();
  }

  private static String text(JsonNode node, String field) {
    String value = string(node, field);
    if (value.isEmpty()) {
      throw new BadRecord("\"" + field + "\" must not be empty");
    }
    return value;
  }

  private static String nullableString(JsonNode node, String field) {
    return node.get(field).isNull() ? null : string(node, field);
  }

  private static Instant time(JsonNode node, String field) {
    String value = string(node, field);
    Rfc3339.ExactInstant parsed =
        Rfc3339.parse(value)
            .orElseThrow(() -> new BadRecord("\"" + field + "\" is not an RFC 3339 date-time: \""
                + value + "\""));
    if (parsed.ceiling().getNano() % 1_000_000 != 0) {
      throw new BadRecord("\"" + field + "\" is finer than a millisecond: \"" + value + "\"");
    }
    return parsed.floor();
  }

  private static long count(JsonNode tokens, String field) {
    JsonNode value = tokens.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
      throw new BadRecord("\"tokens." + field + "\" must be an integer >= 0");
    }
    return value.asLong();
  }

  private static List<String> tags(JsonNode tags) {
    if (!tags.isArray()) {
      throw new BadRecord("\"tags\" must be an array");
    }
    List<String> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode tag : tags) {
      if (!tag.isString() || tag.asString().isEmpty()) {
        throw new BadRecord("\"tags\" must hold non-empty strings");
      }
      if (!seen.add(tag.asString())) {
        throw new BadRecord("tag \"" + tag.asString() + "\" is given twice");
      }
      values.add(tag.asString());
    }
    return values;
  }

  private static StoredUser user(JsonNode user) {
    if (user.isNull()) {
      return null;
    }
    if (!user.isObject()) {
      throw new BadRecord("\"user\" must be an object or null");
    }
    for (String field : List.of("id", "createdAt", "lastSeen", "props")) {
      if (!user.has(field)) {
        throw new BadRecord("property \"user." + field + "\" is missing");
      }
    }
    String id;
    Instant createdAt;
    Instant lastSeen;
    try {
      id = text(user, "id");
      createdAt = time(user, "createdAt");
      lastSeen = time(user, "lastSeen");
    } catch (BadRecord e) {
      throw new BadRecord("user: " + e.getMessage());
    }
    JsonNode props = user.get("props");
    if (!props.isObject()) {
      throw new BadRecord("\"user.props\" must be an object");
    }
    return new StoredUser(id, createdAt, lastSeen, plain(props));
  }

  /** A JSON object as an unmodifiable map of plain Java values, in the file's order. */
  private static Map<String, Object> plain(JsonNode object) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      map.put(e.getKey(), value(e.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object value(JsonNode node) {
    if (node.isObject()) {
      return plain(node);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(value(item)));
      return Collections.unmodifiableList(list);
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.asString();
  }
}
