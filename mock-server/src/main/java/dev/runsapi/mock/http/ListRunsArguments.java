package dev.runsapi.mock.http;

import static dev.runsapi.mock.query.RunQueryParser.APP_ID;
import static dev.runsapi.mock.query.RunQueryParser.END_TIME;
import static dev.runsapi.mock.query.RunQueryParser.LIMIT;
import static dev.runsapi.mock.query.RunQueryParser.MAX_DURATION;
import static dev.runsapi.mock.query.RunQueryParser.MIN_DURATION;
import static dev.runsapi.mock.query.RunQueryParser.MODELS;
import static dev.runsapi.mock.query.RunQueryParser.ORDER;
import static dev.runsapi.mock.query.RunQueryParser.PAGE;
import static dev.runsapi.mock.query.RunQueryParser.SEARCH;
import static dev.runsapi.mock.query.RunQueryParser.START_TIME;
import static dev.runsapi.mock.query.RunQueryParser.TAGS;
import static dev.runsapi.mock.query.RunQueryParser.TYPE;

import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.server.api.RunsApi;
import dev.runsapi.server.model.RunType;
import dev.runsapi.server.model.SortOrder;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * listRuns' arguments taken from the {@link RunQuery} that {@link ApiGateFilter} has already read
 * and validated, instead of Spring's binding parsing the same parameters again (a data binder,
 * type descriptors and a date-time parser per parameter and request: most of what Spring MVC cost
 * per answer). The values are those the binding makes of {@link CanonicalParameters}, the query's
 * canonical rendering; registered ahead of Spring's own resolvers ({@link PreparedAnswersConfig}).
 */
final class ListRunsArguments implements HandlerMethodArgumentResolver {
  /** listRuns' query parameters by position, as the generated interface declares them. */
  private static final String[] NAMES = names();
  /** Each parameter's value read from the query, by position (null: not a query parameter). */
  private static final List<Function<RunQuery, Object>> READERS =
      Arrays.stream(NAMES).map(name -> name == null ? null : reader(name)).toList();

  private static String[] names() {
    for (Method method : RunsApi.class.getMethods()) {
      if (method.getName().equals("listRuns")) {
        String[] names = new String[method.getParameterCount()];
        for (int i = 0; i < names.length; i++) {
          RequestParam param = new MethodParameter(method, i).getParameterAnnotation(RequestParam.class);
          names[i] = param == null ? null : param.value();
        }
        return names;
      }
    }
    throw new IllegalStateException("RunsApi has no listRuns");
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    Method method = parameter.getMethod();
    return method != null
        && method.getName().equals("listRuns")
        && RunsApi.class.isAssignableFrom(method.getDeclaringClass())
        && parameter.getParameterIndex() < NAMES.length
        && NAMES[parameter.getParameterIndex()] != null;
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
      NativeWebRequest request, WebDataBinderFactory binders) {
    RunQuery query = (RunQuery) request.getAttribute(ApiGateFilter.QUERY_ATTRIBUTE,
        RequestAttributes.SCOPE_REQUEST);
    if (query == null) {
      throw new IllegalStateException("listRuns reached without the API gate");
    }
    return READERS.get(parameter.getParameterIndex()).apply(query);
  }

  /** What the binding makes of the parameter {@code name} of {@code query}'s canonical rendering. */
  static Object argument(RunQuery query, String name) {
    return reader(name).apply(query);
  }

  private static Function<RunQuery, Object> reader(String name) {
    return switch (name) {
      case APP_ID -> RunQuery::appId;
      case START_TIME -> query -> utc(query.startInclusive());
      case END_TIME -> query -> utc(query.endInclusive());
      case SEARCH -> RunQuery::search;
      case MODELS -> query -> list(query.models());
      case TAGS -> query -> list(query.tags());
      case TYPE -> query -> query.types().isEmpty() ? null
          : new ArrayList<>(query.types().stream().map(RunType::fromValue).toList());
      case MIN_DURATION -> query -> decimal(query.minDuration());
      case MAX_DURATION -> query -> decimal(query.maxDuration());
      case LIMIT -> RunQuery::limit;
      case PAGE -> RunQuery::page;
      case ORDER -> query -> SortOrder.fromValue(query.order().name().toLowerCase(Locale.ROOT));
      default -> throw new IllegalStateException("listRuns has no parameter " + name);
    };
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static List<String> list(Collection<String> values) {
    return values.isEmpty() ? null : new ArrayList<>(values);
  }

  /** As written in the canonical parameter and read back. */
  private static BigDecimal decimal(BigDecimal value) {
    return value == null ? null : new BigDecimal(value.toPlainString());
  }
}
