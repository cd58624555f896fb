package dev.runsapi.conformance.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UrlEncodingTest {

    @Test
    void encode_leavesUnreservedAndColonAndEncodesEverythingElseAsUtf8() {
        assertEquals("a-b.c_d~e:f", UrlEncoding.encode("a-b.c_d~e:f"));
        assertEquals("%20%2B%25%26%3D%3F%23%2F", UrlEncoding.encode(" +%&=?#/"));
        assertEquals("%C3%A9%F0%9F%98%80", UrlEncoding.encode("é😀"));
        assertEquals("%00", UrlEncoding.encode("\u0000"));
    }

    @Test
    void queryString_sendsRawSegmentsAsWritten_andEncodesTheRest() {
        assertEquals("search=%25C3&search=%C3&limit&a%3Bb=1&&limit=5;page=1", UrlEncoding.queryString(java.util.List.of(
                Param.of("search", "%C3"), Param.raw("search=%C3"), Param.raw("limit"), Param.of("a;b", "1"),
                Param.raw(""), Param.raw("limit=5;page=1"))));
    }
}
