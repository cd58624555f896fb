package dev.runsapi.mock.data;

import dev.runsapi.mock.query.Rfc3339;
import dev.runsapi.mock.query.RunTypes;
import dev.runsapi.mock.store.Decimals;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.mock.store.StoredUser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Turns one JSON object of a data file into a run, checking it against the contract's {@code Run}
 * schema and the rules its descriptions add (millisecond timestamps, {@code endedAt} not before
 * {@code createdAt}, {@code duration} equal to their difference, {@code total = prompt +
 * completion}, distinct tags). The optional extra property {@code appId} names the app the run
 * belongs to; other extra properties are ignored, as the contract allows.
 *
 * <p>It reads the parser's tokens straight into the run's fields rather than through a JSON tree:
 * at a million runs a tree per run was most of the loading time and garbage.
 */
final class RunRecordReader {
  /** The run's properties, in the order they are checked; the index is the slot. */
  private static final List<String> PROPERTIES =
      List.of("id", "type", "name", "createdAt", "endedAt", "duration", "tokens", "tags", "input",
          "output", "error", "user", "cost", "appId");
  private static final int REQUIRED = PROPERTIES.size() - 1; // all but appId
  private static final int ID = 0;
  private static final int TYPE = 1;
  private static final int NAME = 2;
  private static final int CREATED_AT = 3;
  private static final int ENDED_AT = 4;
  private static final int DURATION = 5;
  private static final int TOKENS = 6;
  private static final int TAGS = 7;
  private static final int INPUT = 8;
  private static final int OUTPUT = 9;
  private static final int ERROR = 10;
  private static final int USER = 11;
  private static final int COST = 12;
  private static final int APP_ID = 13;
  private static final List<String> TOKEN_FIELDS = List.of("prompt", "completion", "total");
  private static final List<String> USER_FIELDS = List.of("id", "createdAt", "lastSeen", "props");
  private static final Map<String, List<String>> NESTED =
      Map.of("tokens", TOKEN_FIELDS, "user", USER_FIELDS);

  /**
   * An object of which only some properties matter (tokens, user), read into slots rather than a
   * map; the others are skipped. A missing property is a null slot.
   */
  private record Fields(List<String> names, Object[] values) {
    /** {@code nested}: properties that are themselves read into slots when they are objects. */
    static Fields read(JsonParser parser, List<String> names, Map<String, List<String>> nested) {
      Object[] values = new Object[names.size()];
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        int slot = names.indexOf(name);
        parser.nextToken();
        if (slot < 0) {
          parser.skipChildren();
        } else if (nested.containsKey(name) && parser.currentToken() == JsonToken.START_OBJECT) {
          values[slot] = read(parser, nested.get(name), Map.of());
        } else {
          values[slot] = value(parser);
        }
      }
      return new Fields(names, values);
    }

    Object get(String name) {
      return values[names.indexOf(name)];
    }

    boolean has(String name) {
      return get(name) != null;
    }
  }

  /** A JSON null, told apart from a property that is missing (a null slot). */
  private static final Object NULL = new Object();

  /** A problem with one record; the loader adds the file, the line and the run's id if known. */
  static final class BadRecord extends RuntimeException {
    private final String runId;

    BadRecord(String message) {
      this(message, null);
    }

    private BadRecord(String message, String runId) {
      super(message, null, false, false);
      this.runId = runId;
    }

    /** The id of the run it is about, when the record has a string id; else null. */
    String runId() {
      return runId;
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

  /**
   * The run whose JSON value starts at the parser's current token; the parser is left on that
   * value's last token. JSON that does not parse throws the parser's exception.
   */
  StoredRun read(JsonParser parser, long sequence) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      throw new BadRecord("a run must be a JSON object");
    }
    Object[] slots = Fields.read(parser, PROPERTIES, NESTED).values();
    try {
      return run(slots, sequence);
    } catch (BadRecord e) {
      throw new BadRecord(e.getMessage(),
          slots[ID] instanceof String id && !id.isEmpty() ? id : null);
    }
  }

  /** A JSON value as plain Java: String, Long or BigInteger, BigDecimal, Boolean, NULL, List, Map. */
  private static Object value(JsonParser parser) {
    switch (parser.currentToken()) {
      case VALUE_STRING:
        return parser.getString();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        return list;
      }
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, value(parser));
        }
        return map;
      }
      default:
        throw new BadRecord("unexpected " + parser.currentToken());
    }
  }

  private StoredRun run(Object[] slots, long sequence) {
    for (int slot = 0; slot < REQUIRED; slot++) {
      if (slots[slot] == null) {
        throw new BadRecord("property \"" + PROPERTIES.get(slot) + "\" is missing");
      }
    }
    String app = slots[APP_ID] == null ? defaultApp : canonical.of(text(slots[APP_ID], "appId"));
    String id = text(slots[ID], "id");
    String type = text(slots[TYPE], "type");
    if (!RunTypes.isRunType(type)) {
      throw new BadRecord("\"type\" must be " + RunTypes.ONE_OF + ", got \"" + type + "\"");
    }
    type = canonical.of(type);
    String name = canonical.of(string(slots[NAME], "name"));
    Instant createdAt = time(slots[CREATED_AT], "createdAt");
    Instant endedAt = slots[ENDED_AT] == NULL ? null : time(slots[ENDED_AT], "endedAt");
    if (endedAt != null && endedAt.isBefore(createdAt)) {
      throw new BadRecord("\"endedAt\" is before \"createdAt\"");
    }
    Object duration = slots[DURATION];
    if (endedAt == null) {
      if (duration != NULL) {
        throw new BadRecord("\"duration\" must be null when \"endedAt\" is null");
      }
    } else {
      if (!(duration instanceof Number)) {
        throw new BadRecord("\"duration\" must be a number when \"endedAt\" is set");
      }
      BigDecimal expected = BigDecimal.valueOf(endedAt.toEpochMilli() - createdAt.toEpochMilli(), 3);
      if (decimal(duration).compareTo(expected) != 0) {
        throw new BadRecord("\"duration\" is " + decimal(duration).toPlainString()
            + " but endedAt - createdAt is " + expected.toPlainString() + " s");
      }
    }
    if (!(slots[TOKENS] instanceof Fields tokens)) {
      throw new BadRecord("\"tokens\" must be an object");
    }
    long prompt = count(tokens, "prompt");
    long completion = count(tokens, "completion");
    long total = count(tokens, "total");
    if (total != prompt + completion) {
      throw new BadRecord("\"tokens.total\" must be prompt + completion");
    }
    List<String> tags = canonical.tags(tags(slots[TAGS]));
    String input = canonical.of(string(slots[INPUT], "input"));
    if ("tool".equals(type) && total != 0) {
      throw new BadRecord("\"tokens\" must be all zero for a tool run (it calls no model)");
    }
    String output = canonical.of(nullableString(slots[OUTPUT], "output"));
    String error = canonical.of(nullableString(slots[ERROR], "error"));
    if (endedAt == null && (output != null || error != null)) {
      throw new BadRecord("\"output\" and \"error\" must be null while \"endedAt\" is null");
    }
    if (endedAt != null && (output == null) != (error != null)) {
      throw new BadRecord("an ended run has an \"output\" or, when it failed, an \"error\": exactly one"
          + " of the two is null");
    }
    StoredUser user = canonical.of(user(slots[USER]));
    Object cost = slots[COST];
    if (!(cost instanceof Number) || decimal(cost).signum() < 0) {
      throw new BadRecord("\"cost\" must be a number >= 0");
    }
    return new StoredRun(app, sequence, id, type, name, createdAt, endedAt, prompt, completion, tags,
        input, output, error, user, Decimals.plain(decimal(cost)));
  }

  private static BigDecimal decimal(Object number) {
    if (number instanceof BigDecimal d) {
      return d;
    }
    if (number instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    return BigDecimal.valueOf((Long) number);
  }

  private static String string(Object value, String field) {
    if (!(value instanceof String text)) {
      throw new BadRecord("\"" + field + "\" must be a string");
    }
    return text;
  }

  private static String text(Object value, String field) {
    String text = string(value, field);
    if (text.isEmpty()) {
      throw new BadRecord("\"" + field + "\" must not be empty");
    }
    return text;
  }

  private static String nullableString(Object value, String field) {
    return value == NULL ? null : string(value, field);
  }

  private static Instant time(Object value, String field) {
    String text = string(value, field);
    Rfc3339.ExactInstant parsed =
        Rfc3339.parse(text)
            .orElseThrow(() -> new BadRecord("\"" + field + "\" is not an RFC 3339 date-time: \""
                + text + "\""));
    if (parsed.leap()) {
      throw new BadRecord("\"" + field + "\" is a leap second, which a run's millisecond UTC "
          + "timeline has no room for: \"" + text + "\"");
    }
    if (parsed.ceiling().getNano() % 1_000_000 != 0) {
      throw new BadRecord("\"" + field + "\" is finer than a millisecond: \"" + text + "\"");
    }
    return parsed.floor();
  }

  private static long count(Fields tokens, String field) {
    if (!(tokens.get(field) instanceof Long value) || value < 0) {
      throw new BadRecord("\"tokens." + field + "\" must be an integer >= 0");
    }
    return value;
  }

  private static List<String> tags(Object value) {
    if (!(value instanceof List<?> tags)) {
      throw new BadRecord("\"tags\" must be an array");
    }
    List<String> values = new ArrayList<>(tags.size());
    // a run has a handful of tags, looked through as a list; a set only for many
    Set<String> seen = tags.size() > 16 ? new java.util.HashSet<>() : null;
    for (Object tag : tags) {
      if (!(tag instanceof String text) || text.isEmpty()) {
        throw new BadRecord("\"tags\" must hold non-empty strings");
      }
      if (seen != null ? !seen.add(text) : values.contains(text)) {
        throw new BadRecord("tag \"" + text + "\" is given twice");
      }
      values.add(text);
    }
    return values;
  }

  private static StoredUser user(Object value) {
    if (value == NULL) {
      return null;
    }
    if (!(value instanceof Fields user)) {
      throw new BadRecord("\"user\" must be an object or null");
    }
    for (String field : USER_FIELDS) {
      if (!user.has(field)) {
        throw new BadRecord("property \"user." + field + "\" is missing");
      }
    }
    String id;
    Instant createdAt;
    Instant lastSeen;
    try {
      id = text(user.get("id"), "id");
      createdAt = time(user.get("createdAt"), "createdAt");
      lastSeen = time(user.get("lastSeen"), "lastSeen");
    } catch (BadRecord e) {
      throw new BadRecord("user: " + e.getMessage());
    }
    if (!(user.get("props") instanceof Map<?, ?> props)) {
      throw new BadRecord("\"user.props\" must be an object");
    }
    return new StoredUser(id, createdAt, lastSeen, plain(props));
  }

  /** A JSON object as an unmodifiable map of plain Java values, in the file's order. */
  private static Map<String, Object> plain(Map<?, ?> object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.forEach((key, value) -> map.put((String) key, plainValue(value)));
    return Collections.unmodifiableMap(map);
  }

  /** JSON nulls as null, integers as BigInteger (whatever their size), the rest as read. */
  private static Object plainValue(Object value) {
    if (value == NULL) {
      return null;
    }
    if (value instanceof Long l) {
      return BigInteger.valueOf(l);
    }
    if (value instanceof Map<?, ?> map) {
      return plain(map);
    }
    if (value instanceof List<?> list) {
      List<Object> plain = new ArrayList<>(list.size());
      list.forEach(item -> plain.add(plainValue(item)));
      return Collections.unmodifiableList(plain);
    }
    return value;
  }
}
