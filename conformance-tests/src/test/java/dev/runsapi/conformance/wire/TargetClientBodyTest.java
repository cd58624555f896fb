package dev.runsapi.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time-out covers the wait for the answer's headers and each stall between its bytes, not the whole
 * transfer: a large answer that keeps coming is read whole, one that stops or breaks is returned cut off
 * (a finding), and only a target that does not answer at all is "unreachable". Bytes are counted.
 */
class TargetClientBodyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final ApiRequest REQUEST = ApiRequest.of(List.of(Param.of("app_id", "a")));
    private ServerSocket server;
    private Thread serving;

    /** Answers one connection: headers announcing {@code length} bytes, then what {@code body} writes. */
    private String serve(long length, BodyWriter body) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.getInputStream().read(new byte[8192]);
                OutputStream out = s.getOutputStream();
                if (length >= 0) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                body.write(out);
            } catch (IOException | InterruptedException e) {
                // the client gave up; that is what some tests want
            }
        }, "slow-target");
        serving.setDaemon(true);
        serving.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.interrupt();
        serving.join(5000);
    }

    private static TargetClient client(String url) {
        return new TargetClient(url, TIMEOUT, RateLimitPolicy.defaults(), new ContractValidator());
    }

    @Test
    void aSlowAnswerThatKeepsComing_isReadWholeThoughItTakesLongerThanTheTimeout() throws Exception {
        byte[] chunk = "[1,2,3,4,5,6,7,8]".getBytes(StandardCharsets.US_ASCII);
        int pieces = 10;
        long length = (long) (chunk.length + 1) * pieces + 1;
        String url = serve(length, out -> {
            out.write('[');
            for (int i = 0; i < pieces; i++) {
                out.write(chunk);
                out.write(i == pieces - 1 ? ']' : ',');
                out.flush();
                Thread.sleep(250);
            }
        });
        long start = System.nanoTime();
        try (TargetClient client = client(url)) {
            ApiResponse r = client.sendOnce(REQUEST);
            assertTrue(System.nanoTime() - start > TIMEOUT.toNanos() * 2, "the transfer outlasted the time-out");
            assertNull(r.cutOff(), r.summary());
            assertNotNull(r.json(), "the whole body parsed");
            assertEquals(pieces, r.json().size());
            assertEquals(length, client.bytesRead());
            assertEquals(length, client.largestAnswerBytes());
        }
    }

    @Test
    void anAnswerThatStalls_isCutOffAfterTheTimeoutAndSaysSo() throws Exception {
        String url = serve(1000, out -> {
            out.write("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(10_000);
        });
        long start = System.nanoTime();
        try (TargetClient client = client(url)) {
            ApiResponse r = client.sendOnce(REQUEST);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "gave up on the stall");
            assertEquals(200, r.status());
            assertNotNull(r.cutOff());
            assertTrue(r.cutOff().contains("no byte for 1 s after 9 bytes"), r.cutOff());
            assertNull(r.json());
            MalformedAnswerException e = assertThrows(MalformedAnswerException.class, () -> RunsPage.from(r));
            assertTrue(e.getMessage().contains("cut off"), e.getMessage());
            List<SchemaViolation> v = client.schemaViolations(Duration.ofSeconds(5));
            assertEquals(1, v.size(), "response-schema reports it too");
        }
    }

    @Test
    void anAnswerWhoseConnectionBreaks_isCutOffNotUnreachable() throws Exception {
        String url = serve(1000, out -> out.write("{\"data\":[".getBytes(StandardCharsets.US_ASCII)));
        try (TargetClient client = client(url)) {
            ApiResponse r = client.sendOnce(REQUEST);
            assertNotNull(r.cutOff());
            assertTrue(r.cutOff().contains("connection broke after 9 bytes"), r.cutOff());
        }
    }

    @Test
    void aTargetThatSendsNothing_isUnreachableAfterTheTimeout() throws Exception {
        String url = serve(-1, out -> Thread.sleep(10_000));
        try (TargetClient client = client(url)) {
            TargetUnreachableException e = assertThrows(TargetUnreachableException.class, () -> client.sendOnce(REQUEST));
            assertTrue(e.getMessage().contains("did not answer within 1 s"), e.getMessage());
        }
    }
}
