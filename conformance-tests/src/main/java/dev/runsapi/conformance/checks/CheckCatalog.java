package dev.runsapi.conformance.checks;

import java.util.List;

/**
 * Every check, in the order they run and are reported: phase 0 (the error checks, whose findings may
 * steer the data checks), phase 1 (the data checks, tenant isolation, robustness), phase 2 (rate-limit,
 * which empties the target's budget on purpose, and response-schema last, to see every answer). A
 * finding with the same cause as one of an earlier check in this order is attributed to that one.
 */
public final class CheckCatalog {

    private CheckCatalog() {
    }

    public static List<Check> all() {
        return List.of(new ErrorsValidationCheck(), new ErrorsAuthCheck(), new ErrorsPrecedenceCheck(),
                new ErrorsBodyCheck(), new EdgeInputsCheck(), new FilterTypeCheck(), new FilterModelsCheck(), new FilterTagsCheck(),
                new FilterSearchCheck(), new FilterDurationCheck(), new FilterTimeWindowCheck(), new FilterCombinedCheck(),
                new PaginationCheck(), new PaginationDefaultsCheck(), new OrderingCheck(), new RunFieldsCheck(),
                new TenantIsolationCheck(), new RobustnessCheck(), new RateLimitCheck(), new ResponseSchemaCheck());
    }

    /** Where a check stands in the catalog (reports list checks in this order); unknown names last. */
    public static int index(String check) {
        int i = names().indexOf(check);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    public static List<String> names() {
        return all().stream().map(Check::name).toList();
    }
}
