package dev.runsapi.mock.http;

import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.server.model.Run;
import dev.runsapi.server.model.RunType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** How the answers are written: the contract's timestamp and number formats. */
@Configuration(proxyBeanMethods = false)
public class JsonConfig implements WebMvcConfigurer {
  /** UTC with exactly millisecond precision, as the contract's Conventions require. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Bean
  public JsonMapper jsonMapper(MockSetup setup) {
    SimpleModule module = new SimpleModule("runs-mock");
    module.addSerializer(OffsetDateTime.class, new TimestampSerializer());
    if (setup.defects().has(Defect.DURATION_AS_STRING)) {
      module.setMixInAnnotation(Run.class, DurationAsString.class);
    }
    return JsonMapper.builder().addModule(module).build();
  }

  /** The generated RunType's values are lower case; Spring's default enum converter is not. */
  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverter(String.class, RunType.class, RunType::fromValue);
  }

  /**
   * Writes {@link #TIMESTAMP} by hand for years 0 to 9999 (a page holds up to 4,000 timestamps, and
   * the formatter was a quarter of the cost of an answer); other years go through the formatter.
   */
  static final class TimestampSerializer extends ValueSerializer<OffsetDateTime> {
    @Override
    public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext ctxt) {
      OffsetDateTime utc = value.getOffset().equals(ZoneOffset.UTC)
          ? value : value.withOffsetSameInstant(ZoneOffset.UTC);
      int year = utc.getYear();
      if (year < 0 || year > 9999) {
        gen.writeString(TIMESTAMP.format(utc.toInstant()));
        return;
      }
      char[] text = new char[24];
      put(text, 0, year, 4);
      text[4] = '-';
      put(text, 5, utc.getMonthValue(), 2);
      text[7] = '-';
      put(text, 8, utc.getDayOfMonth(), 2);
      text[10] = 'T';
      put(text, 11, utc.getHour(), 2);
      text[13] = ':';
      put(text, 14, utc.getMinute(), 2);
      text[16] = ':';
      put(text, 17, utc.getSecond(), 2);
      text[19] = '.';
      put(text, 20, utc.getNano() / 1_000_000, 3);
      text[23] = 'Z';
      gen.writeString(text, 0, text.length);
    }

    private static void put(char[] text, int at, int value, int digits) {
      for (int i = at + digits - 1; i >= at; i--) {
        text[i] = (char) ('0' + value % 10);
        value /= 10;
      }
    }
  }

  /** Defect duration-as-string: the same value, written as a JSON string. */
  abstract static class DurationAsString {
    @JsonSerialize(using = ToStringSerializer.class)
    abstract BigDecimal getDuration();
  }
}
