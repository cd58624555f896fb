package dev.runsapi.mock.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.RandomQueries;
import dev.runsapi.mock.cli.CommandLineReader;
import dev.runsapi.mock.config.MockSettings;
import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.query.ParsedQuery;
import dev.runsapi.mock.query.RawQuery;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunQueryParser;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.server.api.RunsApi;
import dev.runsapi.server.model.RunsPage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers from prepared bytes are the bytes Jackson writes: each run, and each whole page, with
 * the defects that change how runs are written; a run that changes is written afresh.
 */
class PreparedAnswersTest {
  private static final String ACME = "app-acme";

  private static MockSetup setup(String... flags) {
    List<String> args = new ArrayList<>(List.of("--port", "0"));
    args.addAll(Arrays.asList(flags));
    return MockSetup.load(CommandLineReader.read(args.toArray(String[]::new), Map.of(), Map.of()).settings());
  }

  private static String[] defectFlags(String defects) {
    return defects.isEmpty() ? new String[0] : new String[] {"--defect", defects};
  }

  /** The built-in dataset, as {@code MockSetup} generates it by default. */
  private static List<StoredRun> builtInRuns() {
    List<StoredRun> runs = new ArrayList<>(
        RunGenerator.generate(ACME, MockSettings.DEFAULT_SEED, MockSettings.DEFAULT_RUNS));
    runs.addAll(RunGenerator.generate("app-globex", MockSettings.DEFAULT_SEED,
        MockSettings.otherAppRuns(MockSettings.DEFAULT_RUNS)));
    return runs;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "duration-as-string", "user-of-nulls", "duration-as-string,user-of-nulls"})
  void runJson_everyBuiltInRun_isWhatTheConfiguredMapperWritesForIt(String defects) {
    JsonMapper mapper = new JsonConfig().jsonMapper(setup(defectFlags(defects)));
    RunJsonCache cache = new RunJsonCache(mapper, RunJsonCache.defaultBudget());
    List<StoredRun> runs = builtInRuns();
    List<byte[]> first = new ArrayList<>();
    for (StoredRun run : runs) {
      byte[] expected = mapper.writeValueAsBytes(RunMapper.toApi(run));
      byte[] prepared = cache.json(run);
      assertArrayEquals(expected, prepared, () -> run.id() + " with defects " + defects);
      first.add(prepared);
    }
    // asked again, the other way round: each run still gets its own bytes, now from the cache
    for (int i = runs.size() - 1; i >= 0; i--) {
      assertSame(first.get(i), cache.json(runs.get(i)), runs.get(i).id());
    }
    String all = new String(first.stream().reduce(new byte[0], PreparedAnswersTest::concat),
        StandardCharsets.UTF_8);
    assertEquals(defects.contains("duration-as-string"), all.contains("\"duration\":\"1.5\""));
    assertEquals(defects.contains("user-of-nulls"), all.contains("\"user\":{\"id\":null"));
  }

  /** With long texts, pages of up to 1000 runs pass {@link PreparedRunsPage#ONE_PIECE}. */
  @ParameterizedTest
  @ValueSource(strings = {"", "--defect total-is-page-count", "--defect duration-as-string,user-of-nulls",
      "--text-size 4000"})
  void answer_randomQueries_isByteForByteWhatSpringsJacksonConverterWritesForThePlainPage(String flags)
      throws IOException {
    MockSetup setup = setup(flags.isEmpty() ? new String[0] : flags.split(" "));
    JsonMapper mapper = new JsonConfig().jsonMapper(setup);
    RunsController controller =
        new RunsController(setup, new RunJsonCache(mapper, RunJsonCache.defaultBudget()));
    JacksonJsonHttpMessageConverter jackson = new JacksonJsonHttpMessageConverter(mapper);
    PreparedRunsPageConverter prepared = new PreparedRunsPageConverter();
    RunQueryParser parser = new RunQueryParser(setup.defects());
    long seed = Long.getLong("query.seed", 14L);
    System.out.println("random query seed: " + seed + " (rerun with -Dquery.seed=" + seed + ")");
    RandomQueries queries = new RandomQueries(seed, builtInRuns());
    int runsWritten = 0;
    int largePages = 0;
    for (int i = 0; i < 400; i++) {
      String queryString = RandomQueries.queryString(queries.next(ACME, "k"));
      ParsedQuery parsed = parser.parse(RawQuery.parse(queryString));
      assertTrue(parsed.isValid(), queryString);
      RunQuery query = parsed.query();

      RunPage found = setup.store().query(ACME, query);
      long total = setup.defects().has(Defect.TOTAL_IS_PAGE_COUNT) ? found.runs().size() : found.total();
      RunsPage plain = new RunsPage(found.runs().stream().map(RunMapper::toApi).toList(), total,
          query.page(), query.limit());
      Captured expected = new Captured();
      jackson.write(plain, MediaType.APPLICATION_JSON, expected);

      Captured actual = new Captured();
      prepared.write(controller.answer(query), MediaType.APPLICATION_JSON, actual);
      assertEquals(expected.text(), actual.text(), "seed " + seed + ", query " + queryString);
      assertEquals(actual.bytes().length, actual.getHeaders().getContentLength(), queryString);
      assertEquals(MediaType.APPLICATION_JSON, actual.getHeaders().getContentType(), queryString);
      runsWritten += found.runs().size();
      largePages += actual.bytes().length > PreparedRunsPage.ONE_PIECE ? 1 : 0;
    }
    assertTrue(runsWritten > 1000, "the random queries should mostly find runs, wrote " + runsWritten);
    assertEquals(flags.contains("--text-size"), largePages > 0, largePages + " pages over one piece");
  }

  @Test
  void answer_readAsTheGeneratedModel_holdsTheSameRuns() {
    MockSetup setup = setup();
    JsonMapper mapper = new JsonConfig().jsonMapper(setup);
    RunsController controller =
        new RunsController(setup, new RunJsonCache(mapper, RunJsonCache.defaultBudget()));
    RunQuery query = new RunQuery(ACME, Instant.parse("2024-05-01T00:00:00Z"),
        Instant.parse("2024-06-01T00:00:00Z"), null, List.of(), List.of(), java.util.Set.of(),
        null, null, 30, 1, dev.runsapi.mock.query.SortOrder.DESC);
    PreparedRunsPage page = controller.answer(query);
    assertEquals(setup.store().query(ACME, query).runs().stream().map(RunMapper::toApi).toList(),
        page.getData());
    assertEquals(30, page.getLimit());
    assertEquals(1, page.getPage());
  }

  /** The live store replaces a run that ends by a new StoredRun: same app, sequence and id. */
  @Test
  void runJson_runReplacedByItsEndedCopy_isWrittenWithItsNewFields() {
    JsonMapper mapper = new JsonConfig().jsonMapper(setup());
    RunJsonCache cache = new RunJsonCache(mapper, RunJsonCache.defaultBudget());
    StoredRun running = RunGenerator.generate(ACME, 42, 2000).stream()
        .filter(r -> r.endedAt() == null).findFirst().orElseThrow();
    byte[] before = cache.json(running);
    assertSame(before, cache.json(running));
    StoredRun ended = new StoredRun(running.appId(), running.sequence(), running.id(), running.type(),
        running.name(), running.createdAt(), running.createdAt().plusMillis(1500),
        running.promptTokens(), running.completionTokens(), running.tags(), running.input(), "done",
        null, running.user(), running.cost());
    byte[] after = cache.json(ended);
    assertArrayEquals(mapper.writeValueAsBytes(RunMapper.toApi(ended)), after);
    assertTrue(new String(after, StandardCharsets.UTF_8).contains("\"duration\":1.5"));
    assertFalse(Arrays.equals(before, after));
    assertSame(after, cache.json(ended));
    // an equal run (a store that builds its runs per query, as PostgreSQL's) finds the same bytes
    StoredRun equal = new StoredRun(ended.appId(), ended.sequence(), ended.id(), ended.type(),
        ended.name(), ended.createdAt(), ended.endedAt(), ended.promptTokens(),
        ended.completionTokens(), new ArrayList<>(ended.tags()), ended.input(), "done", null,
        ended.user(), ended.cost());
    assertNotSame(ended, equal);
    assertSame(after, cache.json(equal));
  }

  @Test
  void runJson_smallBudget_holdsNoMoreThanItAndStillWritesEveryRun() {
    JsonMapper mapper = new JsonConfig().jsonMapper(setup());
    long budget = 64 * 1024;
    RunJsonCache cache = new RunJsonCache(mapper, budget);
    for (StoredRun run : builtInRuns()) {
      assertArrayEquals(mapper.writeValueAsBytes(RunMapper.toApi(run)), cache.json(run), run.id());
      assertTrue(cache.held() <= budget, "held " + cache.held() + " of " + budget);
    }
    assertTrue(cache.held() > budget / 2, "the budget should be used, held " + cache.held());
  }

  /**
   * The arguments listRuns receives are what Spring's binding made of the query's canonical
   * parameters before: the same conversion service setup (JsonConfig's enum converters) and each
   * parameter's own type descriptor (its {@code @DateTimeFormat}).
   */
  @Test
  void arguments_randomQueries_areWhatSpringsBindingMakesOfTheCanonicalParameters() throws Exception {
    DefaultFormattingConversionService conversions = new DefaultFormattingConversionService();
    new JsonConfig().addFormatters(conversions);
    Method listRuns = Arrays.stream(RunsApi.class.getMethods())
        .filter(m -> m.getName().equals("listRuns")).findFirst().orElseThrow();
    RunQueryParser parser = new RunQueryParser(dev.runsapi.mock.defect.Defects.none());
    RandomQueries queries = new RandomQueries(Long.getLong("query.seed", 14L), builtInRuns());
    ListRunsArguments resolver = new ListRunsArguments();
    for (int i = 0; i < 300; i++) {
      String queryString = RandomQueries.queryString(queries.next(ACME, "k"));
      RunQuery query = parser.parse(RawQuery.parse(queryString)).query();
      CanonicalParameters canonical = new CanonicalParameters(NO_REQUEST, query);
      for (int p = 0; p < listRuns.getParameterCount(); p++) {
        MethodParameter parameter = new MethodParameter(listRuns, p);
        assertTrue(resolver.supportsParameter(parameter), parameter.toString());
        String name = parameter.getParameterAnnotation(
            org.springframework.web.bind.annotation.RequestParam.class).value();
        String[] values = canonical.getParameterValues(name);
        Object raw = values == null ? null : values.length == 1 ? values[0] : values;
        Object bound = raw == null ? null : conversions.convert(raw,
            TypeDescriptor.forObject(raw), new TypeDescriptor(parameter));
        assertEquals(bound, ListRunsArguments.argument(query, name), name + " of " + queryString);
      }
    }
  }

  /** The parameters are the wrapper's own: the request beneath is never asked. */
  private static final HttpServletRequest NO_REQUEST = (HttpServletRequest) Proxy.newProxyInstance(
      PreparedAnswersTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
      (proxy, method, args) -> {
        throw new AssertionError("asked the request for " + method.getName());
      });

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** An HTTP answer written to memory. */
  private static final class Captured implements HttpOutputMessage {
    private final HttpHeaders headers = new HttpHeaders();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public OutputStream getBody() {
      return body;
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    byte[] bytes() {
      return body.toByteArray();
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
