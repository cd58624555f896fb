package dev.runsapi.mock.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The timestamp writer: UTC, exactly three fraction digits (rounded down), years outside 0 to
 * 9999 through the formatter. The hand-written formatting itself is Rfc3339Test's.
 */
class TimestampSerializerTest {
  private final JsonMapper mapper = JsonMapper.builder()
      .addModule(new SimpleModule().addSerializer(OffsetDateTime.class,
          new JsonConfig.TimestampSerializer()))
      .build();

  @ParameterizedTest
  @CsvSource({
    "2024-05-01T02:00:00.0079+02:00, 2024-05-01T00:00:00.007Z",
    "2024-05-01T00:00:00Z, 2024-05-01T00:00:00.000Z",
    "2023-12-31T23:30:00.5-01:00, 2024-01-01T00:30:00.500Z",
    "0000-01-01T00:59:59.999999999+01:00, -0001-12-31T23:59:59.999Z",
    "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z",
    "9999-12-31T23:00:00-01:00, +10000-01-01T00:00:00.000Z",
  })
  void serialize_anyOffset_writesUtcToTheMillisecond(String value, String written) {
    assertEquals("\"" + written + "\"", mapper.writeValueAsString(OffsetDateTime.parse(value)));
  }

  @org.junit.jupiter.api.Test
  void plainNumbers_writeDecimalsWithoutExponent() {
    assertEquals("[0.0000001,1000000,3.25]", JsonConfig.plainNumbers().build().writeValueAsString(
        java.util.List.of(new java.math.BigDecimal("1E-7"), new java.math.BigDecimal("1E+6"),
            new java.math.BigDecimal("3.25"))));
  }
}
