package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.execute.ExecutorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API token and the webhook secret read from files (a Kubernetes Secret or Docker secret mount,
 * one file per property), and never seen again: not in the log, not in any API response, not on
 * /metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "SECRETS_DIR=target/secrets-test/",
      "management.server.port=0",
      "x0tta6bl4.loop.interval=200ms",
      "logging.level.io.x0tta6bl4=DEBUG",
      "spring.datasource.url=jdbc:h2:mem:secrets;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    })
class SecretsTest {

  private static final String TOKEN = "tok-9f86d081884c7d659a2feaa0c55ad015";
  private static final String WEBHOOK_SECRET = "hmac-2c26b46b68ffc68ff99b453c1d304134";

  static {
    // the config tree is read before the context starts, so the files must exist before it does
    try {
      Path dir = Files.createDirectories(Path.of("target/secrets-test"));
      Files.writeString(dir.resolve("x0tta6bl4.api.token"), TOKEN + "\n");
      Files.writeString(dir.resolve("x0tta6bl4.executor.webhook.secret"), WEBHOOK_SECRET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired ExecutorProperties executor;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void secretsComeFromFilesAndNeverShowAgain(CapturedOutput output) throws Exception {
    assertThat(send("POST", port, "/api/v1/loop/pause", null).statusCode()).isEqualTo(401);
    assertThat(send("POST", port, "/api/v1/loop/pause", "Bearer " + TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(executor.webhook().secret().sign(1_700_000_000L, "{}".getBytes()))
        .isEqualTo("sha256=" + hmac(WEBHOOK_SECRET, "1700000000.{}"));

    StringBuilder everything = new StringBuilder(output.getAll());
    for (String path :
        new String[] {
          "/api/v1/loop", "/api/v1/targets", "/api/v1/cycles", "/health", "/ready", "/v3/api-docs"
        }) {
      everything.append(send("GET", port, path, null).body());
    }
    for (String path : new String[] {"/metrics", "/health", "/health/readiness"}) {
      everything.append(send("GET", managementPort, path, null).body());
    }
    everything.append(executor.toString());

    assertThat(everything.toString())
        .contains("mapek_cycles_total")
        .doesNotContain(TOKEN)
        .doesNotContain(WEBHOOK_SECRET);
  }

  private HttpResponse<String> send(String method, int port, String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String hmac(String key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
