package dev.runsapi.conformance.report;

import dev.runsapi.conformance.wire.ApiRequest;
import dev.runsapi.conformance.wire.Param;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CurlCommandTest {

    @Test
    void render_quotesForTheShellAndEncodesTheQuery() {
        ApiRequest r = ApiRequest.of(List.of(Param.of("app_id", "app-acme"), Param.of("search", "it's 100% a_b"),
                Param.of("start_time", "2024-05-01T00:00:00+05:30"), Param.of("tags", "a"), Param.of("tags", "b")))
                .withHeaderKey("key'1");
        assertEquals("curl -sS -g -H 'X-API-Key: key'\\''1' 'http://h:1/api/v1/run?app_id=app-acme"
                + "&search=it%27s%20100%25%20a_b&start_time=2024-05-01T00:00:00%2B05:30&tags=a&tags=b'",
                CurlCommand.render("http://h:1", r));
    }

    @Test
    void render_keepsEmptyAndBareParameters() {
        ApiRequest r = ApiRequest.of(List.of(Param.of("limit", ""), new Param("flag", null)));
        assertEquals("curl -sS -g 'http://h/api/v1/run?limit=&flag'", CurlCommand.render("http://h", r));
    }

    @Test
    void quote_leavesNothingForTheShellToExpand() {
        assertEquals("'$HOME `x` \"y\" \\'", CurlCommand.quote("$HOME `x` \"y\" \\"));
    }
}
