package dev.runsapi.conformance.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small forward proxy for tests: absolute-URI HTTP requests and CONNECT tunnels, each counted, the
 * headers of each plain request recorded. Every host it is asked for is 127.0.0.1 (so a target named
 * runs.invalid is reachable only through it). One request per connection: it asks the server to close.
 */
public final class ForwardProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tunnels = new AtomicInteger();

    public ForwardProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> handle(client), "proxy-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "forward-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Plain requests that went through, each its headers (lower-case names). */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public int tunnels() {
        return tunnels.get();
    }

    private void handle(Socket client) {
        try {
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            String[] line = head.get(0).split(" ");
            if (line[0].equals("CONNECT")) {
                tunnels.incrementAndGet();
                int port = Integer.parseInt(line[1].substring(line[1].lastIndexOf(':') + 1));
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
                client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                Pipe.both(client, upstream);
                return;
            }
            URI target = URI.create(line[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder forward = new StringBuilder(line[0] + " " + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " " + line[2] + "\r\n");
            for (String h : head.subList(1, head.size())) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.put(name, h.substring(colon + 1).trim());
                if (!name.equals("connection") && !name.equals("proxy-connection")) {
                    forward.append(h).append("\r\n");
                }
            }
            forward.append("Connection: close\r\n\r\n");
            requests.add(headers);
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
                upstream.getOutputStream().write(forward.toString().getBytes(StandardCharsets.ISO_8859_1));
                upstream.getOutputStream().flush();
                OutputStream out = client.getOutputStream();
                upstream.getInputStream().transferTo(out);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent something this test proxy does not speak
        } finally {
            Pipe.close(client);
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
                line.reset();
                if (l.isEmpty()) {
                    return lines;
                }
                lines.add(l);
            } else {
                line.write(b);
            }
        }
        throw new IOException("the client closed before the end of the request head");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
