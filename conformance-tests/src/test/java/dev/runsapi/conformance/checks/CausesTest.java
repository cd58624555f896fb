package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.Param;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CausesTest {
    static final Instant RUN = Instant.parse("2024-05-01T12:00:00.250Z");

    static ApiRequest window(String start, String end) {
        return ApiRequest.of(List.of(Param.of("app_id", "a"), Param.of("start_time", start), Param.of("end_time", end)))
                .withHeaderKey("k");
    }

    @Test
    void aSingleInstantWindow_isItsOwnClass_whateverItsOffsets() {
        assertEquals(List.of("window=single-instant"),
                Causes.of(window("2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"), Set.of()));
        assertEquals(List.of("end_time=offset", "start_time=offset", "window=single-instant"),
                Causes.of(window("2000-01-01T05:30:00+05:30", "1999-12-31T16:00:00-08:00"), Set.of()));
    }

    @Test
    void boundsAtARunsCreatedAt_subMillisecondOrInAnOffset_areTold() {
        List<String> c = Causes.of(window(RUN.toString(), "2024-05-01T14:00:01.000000001+02:00"), Set.of(RUN));
        assertEquals(List.of("end_time=offset sub-millisecond", "start_time=at a createdAt"), c);
    }

    @Test
    void searchTerms_fallInTheClassesThatBreakServersDifferently() {
        assertEquals("backslash", Causes.searchClass("a\\\\b"));
        assertEquals("like wildcards", Causes.searchClass("W%a"));
        assertEquals("regex characters", Causes.searchClass("a.*"));
        assertEquals("letters", Causes.searchClass("Hello"));
        assertEquals("empty", Causes.searchClass(""));
    }

    @Test
    void listsAreOneClassWhateverTheirLength_andTheKeyInTheQueryIsAClass() {
        ApiRequest r = window("2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z").withParam("tags", "a")
                .withParam("tags", "b").withHeaderKey(null).withQueryKey("k");
        assertEquals(List.of("key=query", "tags=given"), Causes.of(r, Set.of()));
    }

    @Test
    void aCandidateHoldingAKnownCausesClasses_isCovered_andNotTheOtherWayRound() {
        assertTrue(Causes.covers(List.of("tags=given"), List.of("end_time=offset", "tags=given")));
        assertFalse(Causes.covers(List.of("end_time=offset", "tags=given"), List.of("tags=given")));
        assertTrue(Causes.covers(List.of(), List.of("tags=given")), "a failure with no class covers everything");
    }

    @Test
    void aKnownFailure_steersAwayOnlyFromCandidatesThatSelectNothingMore() {
        // a server whose total is wrong everywhere: the minimal request has only a limit
        List<String> totalWrong = List.of("limit=given");
        assertTrue(Causes.steersAway(totalWrong, List.of("limit=given", "page=past 0", "order=asc")));
        assertFalse(Causes.steersAway(totalWrong, List.of("limit=given", "tags=given")),
                "a tags filter the known failure did not use may fail in a way of its own");
        assertTrue(Causes.steersAway(List.of("tags=given"), List.of("key=query", "tags=given")));
        assertFalse(Causes.steersAway(List.of("tags=given"), List.of("search=letters", "tags=given")));
        assertFalse(Causes.steersAway(List.of("tags=given", "limit=given"), List.of("tags=given")),
                "not covered at all");
        assertTrue(Causes.steersAway(List.of(), List.of("limit=given")));
        assertFalse(Causes.steersAway(List.of(), List.of("window=single-instant")));
    }
}
