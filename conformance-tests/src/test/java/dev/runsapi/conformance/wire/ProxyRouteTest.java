package dev.runsapi.conformance.wire;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyRouteTest {

    static String via(ProxyRoute r, String uri) {
        Proxy p = r.route(URI.create(uri));
        if (p.type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        InetSocketAddress a = (InetSocketAddress) p.address();
        return a.getHostString() + ":" + a.getPort();
    }

    @Test
    void environment_choosesByScheme_lowerCaseWinning() {
        ProxyRoute r = ProxyRoute.of(null, Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2",
                "HTTP_PROXY", "plain:3"));
        assertEquals("lower:2", via(r, "https://api.example.com/x"));
        assertEquals("plain:3", via(r, "http://api.example.com/x"));
        assertEquals("upper:1", via(ProxyRoute.of(null, Map.of("HTTPS_PROXY", "http://upper:1")), "https://a.example/"));
        assertEquals("direct", via(ProxyRoute.of(null, Map.of("HTTPS_PROXY", "http://upper:1")), "http://a.example/"));
    }

    @Test
    void noProxy_bypassesHostsDomainSuffixesAndPorts() {
        ProxyRoute r = ProxyRoute.of(null, Map.of("HTTPS_PROXY", "http://p:3128",
                "NO_PROXY", "internal.example, .corp.example,*.dev.example,10.0.0.5,api.example.com:8443"));
        assertEquals("direct", via(r, "https://internal.example/"));
        assertEquals("direct", via(r, "https://svc.internal.example/"));
        assertEquals("direct", via(r, "https://a.corp.example/"));
        assertEquals("direct", via(r, "https://x.dev.example/"));
        assertEquals("direct", via(r, "https://10.0.0.5/"));
        assertEquals("direct", via(r, "https://api.example.com:8443/"));
        assertEquals("p:3128", via(r, "https://api.example.com/"));
        assertEquals("p:3128", via(r, "https://notinternal.example/"));
        assertEquals("direct", via(ProxyRoute.of(null, Map.of("https_proxy", "p:1", "no_proxy", "*")), "https://a/"));
    }

    @Test
    void environmentProxy_neverTakesLoopbackTargets_butAnExplicitOneDoes() {
        ProxyRoute env = ProxyRoute.of(null, Map.of("HTTP_PROXY", "http://p:3128"));
        assertEquals("direct", via(env, "http://127.0.0.1:8080/"));
        assertEquals("direct", via(env, "http://localhost:8080/"));
        assertEquals("direct", via(env, "http://[::1]:8080/"));
        ProxyRoute explicit = ProxyRoute.of("http://127.0.0.1:9", Map.of("HTTP_PROXY", "http://p:3128"));
        assertEquals("127.0.0.1:9", via(explicit, "http://127.0.0.1:8080/"));
        assertEquals("127.0.0.1:9", via(explicit, "https://api.example.com/"));
        ProxyRoute explicitBypassed = ProxyRoute.of("http://127.0.0.1:9", Map.of("NO_PROXY", "127.0.0.1"));
        assertEquals("direct", via(explicitBypassed, "http://127.0.0.1:8080/"));
    }

    @Test
    void noProxyAtAll_isDirect() {
        ProxyRoute r = ProxyRoute.of(null, Map.of());
        assertFalse(r.any());
        assertEquals("direct", via(r, "https://api.example.com/"));
        assertTrue(ProxyRoute.of("http://p:1", Map.of()).any());
        assertEquals("p:80", via(ProxyRoute.of("http://p", Map.of()), "http://a.example/"));
    }

    @Test
    void badProxyUrls_sayWhereTheyCameFrom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyRoute.of(null, Map.of("HTTPS_PROXY", "https://p:443")));
        assertTrue(e.getMessage().startsWith("the environment variable HTTPS_PROXY"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProxyRoute.of("http://p:1/path", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ProxyRoute.of("http://:1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ProxyRoute.of("http://p:1?x", Map.of()));
    }
}
