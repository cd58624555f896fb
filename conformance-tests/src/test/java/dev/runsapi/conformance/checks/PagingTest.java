package dev.runsapi.conformance.checks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingTest {

    @Test
    void aShortResult_isReadPageByPage_upToTheOnePastTheEnd() {
        assertEquals(List.of(0, 1, 2, 3), Paging.pagesToRead(3));
        assertEquals(List.of(0), Paging.pagesToRead(0));
    }

    @Test
    void aLongResult_costsABoundedNumberOfRequests_firstPagesTheLastAndThePastTheEnd() {
        // 1998 runs at limit 1 (a shrink step that dropped the filter) once cost 1998 requests a query
        List<Integer> pages = Paging.pagesToRead(1998);
        assertEquals(Paging.MAX_PAGES, pages.size());
        assertEquals(List.of(0, 1, 2), pages.subList(0, 3));
        assertTrue(pages.contains(1997) && pages.contains(1998), pages.toString());
        assertFalse(pages.contains(1000), pages.toString());
    }
}
