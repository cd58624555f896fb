package dev.runsapi.conformance.it;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies bytes both ways between two sockets until either side ends, then closes both. */
final class Pipe {

    private Pipe() {
    }

    static void both(Socket a, Socket b) {
        Thread t = new Thread(() -> copy(a, b), "pipe");
        t.setDaemon(true);
        t.start();
        copy(b, a);
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: the exchange is over
        } finally {
            close(from);
            close(to);
        }
    }

    static void close(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
