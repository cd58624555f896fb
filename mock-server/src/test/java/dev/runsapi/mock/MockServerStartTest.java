package dev.runsapi.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.cli.CommandLineReader;
import dev.runsapi.mock.config.ConfigException;
import dev.runsapi.mock.config.MockSettings;
import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.config.Tenants;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Spring starts beside the load of the runs, and the port is bound only once they are all loaded. */
class MockServerStartTest {
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static MockSettings settings(int port) {
    return CommandLineReader.read(new String[] {"--port", String.valueOf(port), "--rate-limit", "0"},
        Map.of(), Map.of()).settings();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the thread is waiting for the runs (Spring's context is built up to the web server). */
  private static boolean waitingForRuns(Thread thread) {
    return Arrays.stream(thread.getStackTrace())
        .anyMatch(frame -> frame.getClassName().equals(MockSetup.class.getName())
            && frame.getMethodName().equals("awaitStore"));
  }

  @Test
  void start_whileTheRunsLoad_bindsThePortOnlyOnceTheyAreLoaded() throws Exception {
    int port = freePort();
    MockSettings settings = settings(port);
    CountDownLatch loadMayEnd = new CountDownLatch(1);
    MockSetup setup = MockSetup.loading(settings, Tenants.DEFAULT, () -> {
      try {
        loadMayEnd.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return MockSetup.load(settings).store();
    });
    AtomicReference<Object> started = new AtomicReference<>();
    Thread starter = new Thread(() -> {
      try {
        started.set(MockServer.start(setup));
      } catch (RuntimeException e) {
        started.set(e);
      }
    }, "test-starter");
    starter.start();
    try {
      for (int i = 0; i < 6000 && !waitingForRuns(starter); i++) { // bounded: 10 min at most
        assertTrue(starter.isAlive(), () -> "the server started without its runs: " + started.get());
        Thread.sleep(100);
      }
      assertTrue(waitingForRuns(starter), "the start should wait for the runs");
      assertFalse(listening(port), "nothing may listen before the runs are loaded");
      assertEquals(null, setup.loadedStore());
    } finally {
      loadMayEnd.countDown();
      starter.join(600_000);
    }
    assertTrue(started.get() instanceof MockServer, () -> "not started: " + started.get());
    try (MockServer server = (MockServer) started.get()) {
      assertEquals(port, server.port());
      assertNotNull(setup.loadedStore());
      assertTrue(listening(port));
    }
  }

  @Test
  void start_whenTheLoadFails_throwsItsMessageAndListensNowhere() throws Exception {
    int port = freePort();
    MockSetup setup = MockSetup.loading(settings(port), Tenants.DEFAULT, () -> {
      throw new ConfigException("runs.ndjson:2: \"type\" must be one of llm, tool, chain, agent");
    });
    ConfigException failure = assertThrows(ConfigException.class, () -> MockServer.start(setup));
    assertEquals("runs.ndjson:2: \"type\" must be one of llm, tool, chain, agent",
        failure.getMessage());
    assertFalse(listening(port));
  }
}
