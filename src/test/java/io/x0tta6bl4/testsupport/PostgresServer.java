package io.x0tta6bl4.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1, started from the binaries installed under {@code
 * /usr/lib/postgresql/<version>/bin} (the newest version), with trust authentication for user
 * {@value #USER}, durability switched off for speed, and one database {@value #DATABASE}. {@link
 * #close()} stops it and deletes its directory. Aborts the calling test (skips it) when no binaries
 * are installed. As root, PostgreSQL's tools run as the {@code postgres} OS user, because
 * PostgreSQL refuses to run as root.
 *
 * <pre>{@code
 * static PostgresServer pg;
 * @BeforeAll static void start() { pg = PostgresServer.start(); }
 * @AfterAll static void stop() { pg.close(); }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "x0";
  public static final String DATABASE = "x0tta6bl4";

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
  private static final String OS_USER = "postgres";
  private static final long TOOL_TIMEOUT_SECONDS = 60;
  private static final int LOG_TAIL_LINES = 30;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asRoot;
  private final Thread shutdownHook;

  private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asRoot = asRoot;
    this.shutdownHook = new Thread(this::stopQuietly, "postgres-server-stop");
  }

  /** Initialises, starts and creates the database; the caller must {@link #close()} it. */
  public static PostgresServer start() {
    Path bin = findBinaries();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    PostgresServer server = new PostgresServer(bin, createDirectory(asRoot), freePort(), asRoot);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.initAndStart();
      server.createDatabase();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    log.info("PostgreSQL from {} listening on 127.0.0.1:{}", bin, server.port);
    return server;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  /** Trust authentication: any password, or none, is accepted. */
  public String password() {
    return "";
  }

  public int port() {
    return port;
  }

  /** Stops the cluster at once (no clean shutdown: it is thrown away) and deletes its files. */
  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and runs the hook itself
    }
  }

  private void initAndStart() {
    run(
        List.of(
            tool("initdb"), "-D", data(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale"),
        "initdb");
    String options =
        "-c listen_addresses=127.0.0.1 -p "
            + port
            + " -k "
            + dir
            + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
    List<String> start =
        List.of(tool("pg_ctl"), "-D", data(), "-l", serverLog().toString(), "-w", "-t", "30");
    List<String> command = new ArrayList<>(start);
    command.addAll(List.of("-o", options, "start"));
    run(command, "pg_ctl start");
  }

  private void createDatabase() {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, USER, password());
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + DATABASE + logTail(), e);
    }
  }

  private synchronized void stopQuietly() {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      if (Files.exists(Path.of(data(), "postmaster.pid"))) {
        run(List.of(tool("pg_ctl"), "-D", data(), "-m", "immediate", "stop"), "pg_ctl stop");
      }
    } catch (RuntimeException e) {
      log.warn("Could not stop PostgreSQL in {}", dir, e);
    }
    deleteRecursively(dir);
  }

  private void run(List<String> command, String what) {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("runuser", "-u", OS_USER, "--"));
    }
    full.addAll(command);
    Path output = dir.resolve(what.replace(' ', '-') + ".out");
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            what
                + " failed with exit code "
                + process.exitValue()
                + ": "
                + String.join(" ", full)
                + "\n"
                + read(output)
                + logTail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + what, e);
    }
  }

  private String tool(String name) {
    return bin.resolve(name).toString();
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private Path serverLog() {
    return dir.resolve("server.log");
  }

  private String logTail() {
    if (!Files.exists(serverLog())) {
      return "";
    }
    List<String> lines = read(serverLog()).lines().toList();
    List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    return "\n--- tail of " + serverLog() + " ---\n" + String.join("\n", tail);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Aborts the calling test (a skip, with the reason) where no PostgreSQL binaries are installed.
   */
  public static void assumeInstalled() {
    findBinaries();
  }

  /** The bin directory of the newest installed version that has both initdb and pg_ctl. */
  private static Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(INSTALLATIONS)) {
      try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
        versions
            .map(version -> version.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return candidates.stream()
        .max(Comparator.comparing(PostgresServer::version))
        .orElseGet(
            () ->
                Assumptions.abort(
                    "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: no directory"
                        + " with initdb and pg_ctl"));
  }

  private static double version(Path bin) {
    try {
      return Double.parseDouble(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Path createDirectory(boolean asRoot) {
    try {
      // /tmp rather than java.io.tmpdir: the postgres user must be able to reach the directory.
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "x0-pg-");
      if (asRoot) {
        UserPrincipal owner =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        Files.setOwner(dir, owner);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a directory for PostgreSQL", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(PostgresServer::deleteQuietly);
    } catch (IOException e) {
      log.warn("Could not delete {}", dir, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}", file, e);
    }
  }
}
