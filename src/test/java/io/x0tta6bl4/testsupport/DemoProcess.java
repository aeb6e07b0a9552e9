package io.x0tta6bl4.testsupport;

import io.x0tta6bl4.demo.DemoTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One {@link DemoTarget} process on a free loopback port for end-to-end tests, with the properties
 * that declare it as a target and restart it through a {@code command} action.
 */
public final class DemoProcess {

  private final Path work;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DemoProcess(Path work, int port) {
    this.work = work;
    this.port = port;
  }

  /** Starts the demo service (about one JVM start) and answers once it accepts connections. */
  public static DemoProcess start() throws Exception {
    DemoProcess demo = new DemoProcess(Files.createTempDirectory("x0-demo"), freePort());
    DemoTarget.start(demo.port, demo.pidFile(), demo.log());
    return demo;
  }

  /** Kills it like kill -9 and waits until it is gone. */
  public void stop() throws IOException, InterruptedException {
    DemoTarget.stop(pidFile());
  }

  public long pid() throws IOException {
    return Long.parseLong(Files.readString(pidFile()).trim());
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** {@code POST /fault/<fault>}, e.g. {@code errors} or {@code latency?ms=2000}. */
  public void fault(String fault) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url("/fault/" + fault)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("fault " + fault + ": " + response.body());
    }
  }

  /** The status of {@code GET path}. */
  public int status(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Declares a target {@code id} of {@code kind} on {@code path} at {@code targets[index]}. */
  public void addTarget(
      DynamicPropertyRegistry registry, int index, String id, String kind, String path) {
    String target = "x0tta6bl4.monitor.targets[" + index + "].";
    registry.add(target + "id", () -> id);
    registry.add(target + "kind", () -> kind);
    registry.add(target + "url", () -> url(path));
    registry.add(target + "timeout", () -> "500ms");
  }

  /**
   * Declares {@code policies[index]}: on {@code symptom} of {@code target}, restart this process
   * with a {@code command} action ({@code java ... DemoTarget start}) and the given cooldown.
   */
  public void addRestartPolicy(
      DynamicPropertyRegistry registry, int index, String symptom, String target, String cooldown)
      throws IOException {
    String policy = "x0tta6bl4.planner.policies[" + index + "].";
    registry.add(policy + "name", () -> "restart-" + target + "-on-" + symptom);
    registry.add(policy + "symptom", () -> symptom);
    registry.add(policy + "target", () -> target);
    registry.add(policy + "escalate-after", () -> "3s");
    registry.add(policy + "steps[0].action", () -> "command");
    registry.add(policy + "steps[0].cooldown", () -> cooldown);
    List<String> argv = restartArgv();
    for (int i = 0; i < argv.size(); i++) {
      String value = argv.get(i);
      registry.add(policy + "steps[0].params.argv[" + i + "]", () -> value);
    }
  }

  /** The argv of a restart: {@code java @java.args DemoTarget start PORT PIDFILE LOG}. */
  private List<String> restartArgv() throws IOException {
    // the test class path is longer than one command argument may be: a java @argument file
    Path javaArgs = work.resolve("java.args");
    Files.writeString(javaArgs, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + javaArgs,
        DemoTarget.class.getName(),
        "start",
        Integer.toString(port),
        pidFile().toString(),
        log().toString());
  }

  private Path pidFile() {
    return work.resolve("demo.pid");
  }

  private Path log() {
    return work.resolve("demo.log");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
