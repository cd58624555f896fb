package dev.runsapi.mock.http;

import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.server.api.RunsApi;
import dev.runsapi.server.model.RunType;
import dev.runsapi.server.model.RunsPage;
import dev.runsapi.server.model.SortOrder;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * listRuns, on the generated interface. By the time it runs, {@link ApiGateFilter} has decided
 * every error; its arguments are that filter's {@link RunQuery} given out parameter by parameter
 * ({@link ListRunsArguments}), and the query is read whole from the request.
 */
@RestController
public class RunsController implements RunsApi {
  private final MockSetup setup;
  private final RunJsonCache json;

  public RunsController(MockSetup setup, RunJsonCache json) {
    this.setup = setup;
    this.json = json;
  }

  @Override
  public ResponseEntity<RunsPage> listRuns(
      String appId,
      OffsetDateTime startTime,
      OffsetDateTime endTime,
      String search,
      List<String> models,
      List<String> tags,
      List<RunType> type,
      BigDecimal minDuration,
      BigDecimal maxDuration,
      Integer limit,
      Integer page,
      SortOrder order) {
    RunQuery query =
        (RunQuery)
            RequestContextHolder.currentRequestAttributes()
                .getAttribute(ApiGateFilter.QUERY_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (query == null) {
      throw new IllegalStateException("listRuns reached without the API gate");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer(query));
  }

  /** The page {@code query} answers, its runs already JSON. */
  PreparedRunsPage answer(RunQuery query) {
    RunPage found = setup.store().query(query.appId(), query);
    long total = setup.defects().has(Defect.TOTAL_IS_PAGE_COUNT) ? found.runs().size() : found.total();
    return new PreparedRunsPage(found.runs(), json, total, query.page(), query.limit());
  }
}
