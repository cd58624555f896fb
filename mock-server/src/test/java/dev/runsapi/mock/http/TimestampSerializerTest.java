package dev.runsapi.mock.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The hand-written timestamp writer against the contract's pattern as a DateTimeFormatter. */
class TimestampSerializerTest {
  private final JsonMapper mapper = JsonMapper.builder()
      .addModule(new SimpleModule().addSerializer(OffsetDateTime.class,
          new JsonConfig.TimestampSerializer()))
      .build();

  @Test
  void serialize_randomInstantsAndOffsets_writeWhatTheFormatterWrites() {
    long seed = Long.getLong("timestamp.seed", 11L);
    SplittableRandom random = new SplittableRandom(seed);
    long min = Instant.parse("-0500-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
      String written = mapper.writeValueAsString(instant.atOffset(offset));
      assertEquals("\"" + JsonConfig.TIMESTAMP.format(instant) + "\"", written,
          "seed " + seed + ", " + instant + " at " + offset);
    }
    assertEquals("\"2024-05-01T00:00:00.007Z\"",
        mapper.writeValueAsString(OffsetDateTime.parse("2024-05-01T02:00:00.0079+02:00")));
  }
}
