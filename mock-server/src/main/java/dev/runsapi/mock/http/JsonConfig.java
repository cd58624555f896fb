package dev.runsapi.mock.http;

import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.query.Rfc3339;
import dev.runsapi.server.model.Run;
import dev.runsapi.server.model.RunType;
import dev.runsapi.server.model.SortOrder;
import dev.runsapi.server.model.User;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** How the answers are written: the contract's timestamp and number formats. */
@Configuration(proxyBeanMethods = false)
@Import(PreparedAnswersConfig.class)
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
    if (setup.defects().has(Defect.USER_OF_NULLS)) {
      module.setMixInAnnotation(Run.class, setup.defects().has(Defect.DURATION_AS_STRING)
          ? DurationAsStringAndUserOfNulls.class : UserOfNulls.class);
    }
    return plainNumbers().addModule(module).build();
  }

  /**
   * Numbers in plain decimal notation ("Outside the operation": never an exponent): a cost of 1e-7
   * dollars from a data file is written 0.0000001, not BigDecimal's 1E-7.
   */
  static JsonMapper.Builder plainNumbers() {
    return JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  /** The generated enums' values are lower case; Spring's default enum converter is not. */
  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverter(String.class, RunType.class, RunType::fromValue);
    registry.addConverter(String.class, SortOrder.class, SortOrder::fromValue);
  }

  /** Writes {@link #TIMESTAMP}, by hand for years 0 to 9999 ({@link Rfc3339#formatUtc}). */
  static final class TimestampSerializer extends ValueSerializer<OffsetDateTime> {
    @Override
    public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext ctxt) {
      Instant instant = value.toInstant();
      char[] text = new char[24];
      int length = Rfc3339.formatUtc(instant, 3, text);
      if (length < 0) {
        gen.writeString(TIMESTAMP.format(instant));
      } else {
        gen.writeString(text, 0, length);
      }
    }
  }

  /** Defect user-of-nulls: a missing user written as an object whose every field is null. */
  abstract static class UserOfNulls {
    @JsonSerialize(nullsUsing = NullsUser.class)
    abstract User getUser();
  }

  /** Both mix-ins at once (a class has one mix-in). */
  abstract static class DurationAsStringAndUserOfNulls {
    @JsonSerialize(using = ToStringSerializer.class)
    abstract BigDecimal getDuration();

    @JsonSerialize(nullsUsing = NullsUser.class)
    abstract User getUser();
  }

  /** Writes {"id":null,"createdAt":null,"lastSeen":null,"props":null} in place of null. */
  static final class NullsUser extends ValueSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeStartObject();
      for (String field : new String[] {"id", "createdAt", "lastSeen", "props"}) {
        gen.writeName(field);
        gen.writeNull();
      }
      gen.writeEndObject();
    }
  }

  /** Defect duration-as-string: the same value, written as a JSON string. */
  abstract static class DurationAsString {
    @JsonSerialize(using = ToStringSerializer.class)
    abstract BigDecimal getDuration();
  }
}
