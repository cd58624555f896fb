package dev.runsapi.conformance.wire;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the suite reaches the target beyond its URL: headers for a gateway (--header), the TLS trust
 * (--cacert, --insecure) and the proxy (--proxy, the *_proxy environment variables). Built once and
 * checked when built, so that a bad PEM file or proxy URL is a usage error before any request.
 */
public final class Transport {
    /** Plain: no extra header, the JVM's trust store, no proxy. */
    public static final Transport DEFAULT = new Transport(List.of(), null, false, null, ProxyRoute.of(null, Map.of()),
            null);

    private final List<ExtraHeader> headers;
    private final Path caCert;
    private final boolean insecure;
    private final String proxyFlag;
    private final ProxyRoute proxy;
    private final SSLContext ssl;

    private Transport(List<ExtraHeader> headers, Path caCert, boolean insecure, String proxyFlag, ProxyRoute proxy,
                      SSLContext ssl) {
        this.headers = List.copyOf(headers);
        this.caCert = caCert;
        this.insecure = insecure;
        this.proxyFlag = proxyFlag;
        this.proxy = proxy;
        this.ssl = ssl;
    }

    /**
     * Checks and builds; an IllegalArgumentException says what was wrong (a header, the PEM file, a proxy
     * URL) in one line.
     */
    public static Transport of(List<ExtraHeader> headers, Path caCert, boolean insecure, String proxyFlag,
                               Map<String, String> env) {
        if (insecure && caCert != null) {
            throw new IllegalArgumentException("--cacert and --insecure contradict each other; give one");
        }
        ProxyRoute route = ProxyRoute.of(proxyFlag, env);
        SSLContext ssl = insecure || caCert != null ? Tls.context(caCert, insecure) : null;
        return new Transport(headers, caCert, insecure, proxyFlag, route, ssl);
    }

    public List<ExtraHeader> headers() {
        return headers;
    }

    public Path caCert() {
        return caCert;
    }

    public boolean insecure() {
        return insecure;
    }

    public String proxyFlag() {
        return proxyFlag;
    }

    public ProxyRoute proxy() {
        return proxy;
    }

    /** The client every request of a run goes through. */
    public HttpClient newHttpClient(Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy.any()) {
            b.proxy(proxy);
        }
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b.build();
    }

    /** The warning printed on the console and at the top of the report when --insecure is on; else null. */
    public String insecureWarning() {
        return insecure ? "WARNING: --insecure: the target's TLS certificate and host name are NOT verified; "
                + "anyone on the path could read the credentials and answer in the target's place" : null;
    }
}
