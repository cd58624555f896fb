package dev.runsapi.conformance.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * TLS terminated in front of a plain HTTP server, as a reverse proxy in front of a real deployment
 * would: on 127.0.0.1 and a free port, each connection decrypted and relayed byte for byte.
 */
public final class TlsRelay implements AutoCloseable {
    private final ServerSocket server;

    public TlsRelay(SSLContext tls, int plainPort) throws IOException {
        server = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ((SSLServerSocket) server).setUseClientMode(false);
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> {
                        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), plainPort)) {
                            Pipe.both(client, upstream);
                        } catch (IOException e) {
                            Pipe.close(client);
                        }
                    }, "tls-relay-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "tls-relay");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
