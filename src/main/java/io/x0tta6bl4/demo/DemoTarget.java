package io.x0tta6bl4.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * A demo service to heal, not part of the controller: a small HTTP server on loopback (JDK only)
 * that the demo script and the fault-injection tests run as a real process and break on purpose.
 *
 * <ul>
 *   <li>{@code serve PORT} serves {@code GET /health} ({@code {"status":"UP"}}, or 503 {@code
 *       {"status":"DOWN"}}), {@code GET /metrics} in the Prometheus text format ({@code
 *       demo_requests_total}, {@code demo_errors}, {@code demo_memory_bytes}, {@code
 *       demo_latency_seconds}) and faults on {@code POST /fault/<name>} (see {@link Faults}).
 *   <li>{@code start PORT PIDFILE LOG} stops the instance named in PIDFILE, launches {@code serve}
 *       as a detached process with the same class path (and, when run from the Boot jar through
 *       {@code -Dloader.main}, the same launcher), waits until it accepts connections, writes its
 *       pid and exits: the shape of a restart script that a {@code command} action runs.
 *   <li>{@code stop PIDFILE} kills that instance like kill -9 and waits until it is gone.
 * </ul>
 *
 * From the built jar: {@code java -cp target/x0tta6bl4-<version>.jar
 * -Dloader.main=io.x0tta6bl4.demo.DemoTarget
 * org.springframework.boot.loader.launch.PropertiesLauncher start 8081 demo.pid demo.log}.
 */
public final class DemoTarget {

  /** The Boot launcher that runs the class named in {@code loader.main} from the fat jar. */
  static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  private static final int START_ATTEMPTS = 200;
  private static final long START_POLL_MILLIS = 50;
  private static final int STOP_POLLS = 500;
  private static final long STOP_POLL_MILLIS = 20;

  private final Faults faults = new Faults();

  private DemoTarget() {}

  public static void main(String[] args) throws Exception {
    String usage = "usage: serve PORT | start PORT PIDFILE LOG | stop PIDFILE";
    if (args.length == 2 && "serve".equals(args[0])) {
      new DemoTarget().serve(Integer.parseInt(args[1]));
    } else if (args.length == 4 && "start".equals(args[0])) {
      start(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
    } else if (args.length == 2 && "stop".equals(args[0])) {
      stop(Path.of(args[1]));
    } else {
      throw new IllegalArgumentException(usage);
    }
  }

  /**
   * Stops the instance named in {@code pidFile} (if it still runs), launches {@code serve} detached
   * with its output appended to {@code log}, and returns its pid once it accepts connections.
   *
   * @throws IllegalStateException when it exits or does not listen within about 10 s
   */
  public static long start(int port, Path pidFile, Path log) throws Exception {
    stop(pidFile);
    Process child =
        new ProcessBuilder(serveCommand(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    for (int i = 0; i < START_ATTEMPTS && child.isAlive(); i++) {
      if (accepts(port)) {
        Files.writeString(pidFile, Long.toString(child.pid()));
        return child.pid();
      }
      Thread.sleep(START_POLL_MILLIS);
    }
    child.destroyForcibly();
    throw new IllegalStateException("demo target did not start on port " + port + "; see " + log);
  }

  /** The java command line of {@code serve PORT}, launched the way this JVM was. */
  static List<String> serveCommand(int port) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    // in the Boot jar the class lives under BOOT-INF/classes, which only the launcher can load
    String loaderMain = System.getProperty("loader.main");
    if (loaderMain != null) {
      command.add("-Dloader.main=" + loaderMain);
      command.add(BOOT_LAUNCHER);
    } else {
      command.add(DemoTarget.class.getName());
    }
    command.add("serve");
    command.add(Integer.toString(port));
    return command;
  }

  /** Kills the instance named in {@code pidFile}, like kill -9, and waits until it is gone. */
  public static void stop(Path pidFile) throws IOException, InterruptedException {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      process.get().destroyForcibly();
      awaitExit(process.get());
    }
  }

  /**
   * Polls every 20 ms for at most 10 s. {@code onExit()} of a process that is not a child of this
   * JVM (the instance a previous {@code start} launched) polls with a backoff of seconds, which
   * would add about 2 s to every restart.
   */
  private static void awaitExit(ProcessHandle process) throws InterruptedException {
    for (int i = 0; i < STOP_POLLS && process.isAlive() && !zombie(process.pid()); i++) {
      Thread.sleep(STOP_POLL_MILLIS);
    }
  }

  /**
   * Whether a process has exited and waits to be reaped (Linux): it holds no port any more, and an
   * init that reaps orphans only now and then would otherwise delay a restart by a second.
   */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int afterName = stat.lastIndexOf(')');
      return afterName > 0 && stat.startsWith(" Z", afterName + 1);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void serve(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    // hung and slow requests each hold a thread; enough of them for a probe per second
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/health", this::health);
    server.createContext("/metrics", this::metrics);
    server.createContext("/fault/", this::fault);
    server.start();
  }

  private void health(HttpExchange exchange) throws IOException {
    if (faults.hanging()) {
      return; // accepted and never answered
    }
    long began = System.nanoTime();
    boolean healthy = faults.onHealthRequest();
    try {
      Thread.sleep(faults.latencyMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    faults.answered(healthy, System.nanoTime() - began);
    if (healthy) {
      respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
    } else {
      respond(exchange, 503, "application/json", "{\"status\":\"DOWN\"}");
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (faults.hanging()) {
      return;
    }
    String body = faults.onMetricsRequest();
    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", body);
  }

  private void fault(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain", "POST /fault/<name>\n");
      return;
    }
    String name = exchange.getRequestURI().getPath().substring("/fault/".length());
    if ("crash".equals(name)) {
      Runtime.getRuntime().halt(137);
    }
    String answer = faults.inject(name, exchange.getRequestURI().getRawQuery());
    respond(exchange, answer.startsWith("unknown") ? 404 : 200, "text/plain", answer + "\n");
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
