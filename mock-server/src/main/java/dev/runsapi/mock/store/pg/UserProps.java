package dev.runsapi.mock.store.pg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's {@code props} as the JSON text of the {@code user_props} column and back, keys in their
 * order; numbers come back as BigInteger or BigDecimal (as the data-file reader makes them).
 */
final class UserProps {
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private UserProps() {}

  static String write(Map<String, Object> props) {
    return JSON.writeValueAsString(props);
  }

  static Map<String, Object> parse(String json) {
    return Collections.unmodifiableMap(JSON.readValue(json, MAP));
  }
}
