package dev.runsapi.conformance.checks;

import java.util.List;

/**
 * Every check, in the order they run: data checks first, the error checks, rate-limit (which empties
 * the target's budget on purpose) near the end, and response-schema last, to see every answer.
 */
public final class CheckCatalog {

    private CheckCatalog() {
    }

    public static List<Check> all() {
        return List.of(new FilterTypeCheck(), new FilterModelsCheck(), new FilterTagsCheck(), new FilterSearchCheck(),
                new FilterDurationCheck(), new FilterTimeWindowCheck(), new FilterCombinedCheck(), new PaginationCheck(),
                new PaginationDefaultsCheck(), new OrderingCheck(), new RunFieldsCheck(), new ErrorsValidationCheck(),
                new ErrorsAuthCheck(), new TenantIsolationCheck(), new ErrorsPrecedenceCheck(), new ErrorsBodyCheck(),
                new EdgeInputsCheck(), new RobustnessCheck(), new RateLimitCheck(), new ResponseSchemaCheck());
    }

    public static List<String> names() {
        return all().stream().map(Check::name).toList();
    }
}
