package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.Mode;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API in a real Tomcat, without the loop or storage (both mocked, no DataSource): what a
 * {@code @WebMvcTest} cannot show — springdoc, chunked bodies, and the container's error page.
 */
@SpringBootTest(
    classes = ApiServerTest.ApiOnly.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoint.health.validate-group-membership=false",
      "management.server.port=0",
      "server.error.include-stacktrace=never",
      "server.error.include-message=never"
    })
class ApiServerTest {

  /** The api package and Boot's auto-configuration, nothing else of the application. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration(
      excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
      })
  @Import({
    ApiConfiguration.class,
    ApiExceptionHandler.class,
    ProblemErrorController.class,
    LoopController.class,
    CycleController.class,
    KnowledgeController.class,
    HealthController.class
  })
  static class ApiOnly {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    /** A filter that fails the way a broken filter would, outside the advice's reach. */
    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
      Filter filter =
          (request, response, chain) -> {
            if (((HttpServletRequest) request).getRequestURI().endsWith("/teapot")) {
              ((HttpServletResponse) response).sendError(418);
              return;
            }
            throw new IllegalStateException("filter failed: secret=hunter2");
          };
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
      registration.addUrlPatterns("/broken/*");
      return registration;
    }
  }

  @LocalServerPort int port;
  @Autowired BuildProperties build;
  @MockitoBean LoopControl loop;
  @MockitoBean Knowledge knowledge;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = new JsonMapper();

  @Test
  void theOpenApiDocumentDescribesTheApi() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v3/api-docs")).build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode doc = json.readTree(response.body());
    assertThat(doc.path("info").path("title").asString()).isEqualTo("x0tta6bl4");
    assertThat(doc.path("info").path("version").asString()).isEqualTo(build.getVersion());
    assertThat(doc.path("paths").has("/api/v1/loop")).isTrue();
    assertThat(doc.path("paths").has("/api/v1/cycles/{id}")).isTrue();
    assertThat(doc.path("paths").has("/health")).isTrue();
    assertThat(doc.path("paths").has("/error")).isFalse();
  }

  @Test
  void swaggerUiIsServed() throws Exception {
    HttpResponse<String> redirect = send(HttpRequest.newBuilder(uri("/swagger-ui.html")).build());
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/swagger-ui/index.html");

    HttpResponse<String> page = send(HttpRequest.newBuilder(uri(location)).build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Swagger UI");
  }

  @Test
  void healthAnswersOnTheApiPortWithTheBuildVersion() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asString()).isEqualTo("ok");
    assertThat(body.path("version").asString())
        .isEqualTo(build.getVersion())
        .isNotEqualTo("unknown");
    assertThat(body.path("uptime").asDouble()).isPositive();
  }

  @Test
  void aChunkedBodyOverTheLimitIsRejectedWith413() throws Exception {
    byte[] body = new byte[RequestSizeLimitFilter.LIMIT + 100];
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/v1/loop"))
            .header("Content-Type", "application/json")
            // an InputStream publisher has no length, so the client sends the body chunked
            .method("PATCH", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json.readTree(response.body()).path("type").asString())
        .isEqualTo("https://x0tta6bl4.io/problems/payload-too-large");
  }

  @Test
  void aChunkedBodyWithinTheLimitReachesTheController() throws Exception {
    given(loop.state()).willReturn(TestData.running());
    byte[] body = "{\"mode\":\"dry-run\"}".getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/v1/loop"))
            .header("Content-Type", "application/json")
            .method("PATCH", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(200);
    then(loop).should().changeMode(Mode.DRY_RUN);
  }

  @Test
  void anExceptionInAFilterBecomesAnInternalProblemWithoutTheMessage() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/broken/x")).header("X-Request-Id", "req-77").build());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("type").asString()).isEqualTo("https://x0tta6bl4.io/problems/internal");
    assertThat(body.path("detail").asString())
        .isEqualTo("internal error, see the controller log for request req-77");
    assertThat(body.path("instance").asString()).isEqualTo("/broken/x");
    assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "trace");
  }

  @Test
  void aFilterSendErrorBecomesAProblemOfItsStatus() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/broken/teapot")).build());

    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(418);
    assertThat(body.path("detail").asString()).isEqualTo("i'm a teapot");
    assertThat(body.path("instance").asString()).isEqualTo("/broken/teapot");
  }

  @Test
  void anUnknownPathIsANotFoundProblem() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/api/v2/loop")).header("Accept", "text/html").build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json.readTree(response.body()).path("detail").asString())
        .isEqualTo("no resource at /api/v2/loop");
  }

  /** Found by fuzzing (ApiBodyFuzzTest): Spring's parser fails on a quoted media type (a 500). */
  @Test
  void aQuotedContentTypeIsA415AndAQuotedAcceptA406Problem() throws Exception {
    HttpResponse<String> body = patchLoopWith("\"a/b\"");
    HttpResponse<String> health =
        send(HttpRequest.newBuilder(uri("/health")).header("Accept", "\"a/b\"").build());
    HttpResponse<String> charset = patchLoopWith("application/json;charset=utf-8<");

    assertThat(body.statusCode()).isEqualTo(415);
    assertThat(body.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(health.statusCode()).isEqualTo(406);
    assertThat(json.readTree(health.body()).path("type").asString())
        .isEqualTo("https://x0tta6bl4.io/problems/not-acceptable");
    assertThat(charset.statusCode()).isEqualTo(415);
    then(loop).shouldHaveNoInteractions();
  }

  private HttpResponse<String> patchLoopWith(String contentType) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/loop"))
            .header("Content-Type", contentType)
            .method("PATCH", BodyPublishers.ofString("{\"mode\":\"active\"}"))
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
