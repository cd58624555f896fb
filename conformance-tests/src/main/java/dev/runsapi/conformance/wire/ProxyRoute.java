package dev.runsapi.conformance.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which proxy a request goes through, as curl and most CLI tools decide it: {@code --proxy URL} for every
 * target, else {@code https_proxy}/{@code HTTPS_PROXY} for https targets and {@code http_proxy}/{@code
 * HTTP_PROXY} for http targets (the lower-case form wins when both are set); {@code no_proxy}/{@code
 * NO_PROXY} (comma-separated host names, domain suffixes such as {@code .corp.example}, IP addresses,
 * each optionally with {@code :port}; {@code *} for all) bypasses either. A proxy taken from the
 * environment is never used for a loopback target (localhost, 127.0.0.0/8, ::1), as Go's and Java's own
 * defaults do, so that a runner's corporate proxy does not swallow a mock started next to the suite.
 */
public final class ProxyRoute extends ProxySelector {
    private final Proxy explicit;
    private final Proxy httpProxy;
    private final Proxy httpsProxy;
    private final List<String> noProxy;

    private ProxyRoute(Proxy explicit, Proxy httpProxy, Proxy httpsProxy, List<String> noProxy) {
        this.explicit = explicit;
        this.httpProxy = httpProxy;
        this.httpsProxy = httpsProxy;
        this.noProxy = noProxy;
    }

    /**
     * The route from --proxy (may be null) and the environment; a proxy URL that is not {@code
     * http://host[:port]} is an IllegalArgumentException naming where it came from.
     */
    public static ProxyRoute of(String proxyFlag, Map<String, String> env) {
        Proxy explicit = proxyFlag == null || proxyFlag.isBlank() ? null : parse("--proxy", proxyFlag);
        Proxy http = fromEnv(env, "http_proxy");
        Proxy https = fromEnv(env, "https_proxy");
        String np = envValue(env, "no_proxy");
        List<String> noProxy = new ArrayList<>();
        if (np != null) {
            for (String e : np.split("[,\\s]+")) {
                String t = e.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    noProxy.add(t);
                }
            }
        }
        return new ProxyRoute(explicit, http, https, List.copyOf(noProxy));
    }

    /** True when requests may go through a proxy at all (so the HTTP client needs this selector). */
    public boolean any() {
        return explicit != null || httpProxy != null || httpsProxy != null;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return List.of(route(uri));
    }

    /** The proxy for this URI, or {@link Proxy#NO_PROXY}. */
    public Proxy route(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        if (bypassed(host, port)) {
            return Proxy.NO_PROXY;
        }
        if (explicit != null) {
            return explicit;
        }
        Proxy p = https ? httpsProxy : httpProxy;
        if (p == null || loopback(host)) {
            return Proxy.NO_PROXY;
        }
        return p;
    }

    /** " through the proxy host:port" when the URI goes through one, for error messages; else "". */
    public String via(URI uri) {
        Proxy p = route(uri);
        if (p.type() == Proxy.Type.DIRECT) {
            return "";
        }
        InetSocketAddress a = (InetSocketAddress) p.address();
        return " through the proxy " + a.getHostString() + ":" + a.getPort();
    }

    private boolean bypassed(String host, int port) {
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String e = entry;
            int entryPort = -1;
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon && e.substring(colon + 1).chars().allMatch(Character::isDigit)
                    && colon < e.length() - 1) {
                entryPort = Integer.parseInt(e.substring(colon + 1));
                e = e.substring(0, colon);
            }
            if (e.startsWith("[") && e.endsWith("]")) {
                e = e.substring(1, e.length() - 1);
            }
            if (e.startsWith("*.")) {
                e = e.substring(1);
            }
            if (entryPort >= 0 && entryPort != port) {
                continue;
            }
            String bare = e.startsWith(".") ? e.substring(1) : e;
            if (host.equals(bare) || host.endsWith("." + bare)) {
                return true;
            }
        }
        return false;
    }

    static boolean loopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                && host.chars().allMatch(c -> c == '.' || Character.isDigit(c)) || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    private static Proxy fromEnv(Map<String, String> env, String lowerName) {
        String v = envValue(env, lowerName);
        if (v == null) {
            return null;
        }
        String name = env.get(lowerName) != null && !env.get(lowerName).isBlank() ? lowerName
                : lowerName.toUpperCase(Locale.ROOT);
        return parse("the environment variable " + name, v);
    }

    private static String envValue(Map<String, String> env, String lowerName) {
        String v = env.get(lowerName);
        if (v == null || v.isBlank()) {
            v = env.get(lowerName.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** {@code http://host[:port][/]}, or {@code host:port} as many environments write it; port 80 by default. */
    static Proxy parse(String where, String value) {
        String v = value.contains("://") ? value : "http://" + value;
        URI u;
        try {
            u = new URI(v);
        } catch (java.net.URISyntaxException e) {
            throw bad(where, value, "not a URL");
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw bad(where, value, "only http:// proxies are supported (the tunnel to an https target is still TLS)");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException(where + " holds credentials (user:password@); proxy authentication "
                    + "is not supported");
        }
        if (u.getHost() == null) {
            throw bad(where, value, "no host name");
        }
        if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw bad(where, value, "a proxy URL has no path or query");
        }
        int port = u.getPort() < 0 ? 80 : u.getPort();
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(u.getHost(), port));
    }

    private static IllegalArgumentException bad(String where, String value, String why) {
        String shown = value.contains("@") ? "(not shown: it holds an '@')" : "'" + value + "'";
        return new IllegalArgumentException(where + " " + shown + " is not a proxy URL such as http://proxy.example:3128: "
                + why);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to learn: one proxy, no fallback
    }
}
