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
}
