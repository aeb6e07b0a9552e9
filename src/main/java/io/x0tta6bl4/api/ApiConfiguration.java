package io.x0tta6bl4.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.x0tta6bl4.security.RoleRules;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's beans besides its controllers: the request filters (caller, media type headers, body
 * size) and the OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class ApiConfiguration {

  // the order of the filters: the caller first, so that an unauthorised one gets nothing of ours
  // parsed; then the media type headers, which the size limit's buffered body needs for its
  // charset; then the size limit, before anything reads the body
  private static final int CALLER = Ordered.HIGHEST_PRECEDENCE + 10;
  private static final int MEDIA_TYPES = Ordered.HIGHEST_PRECEDENCE + 15;
  private static final int BODY_SIZE = Ordered.HIGHEST_PRECEDENCE + 20;

  /** Without mTLS (development): a bearer token, or loopback only, for mutating requests. */
  @Bean
  @ConditionalOnProperty(
      name = "x0tta6bl4.security.mtls.enabled",
      havingValue = "false",
      matchIfMissing = true)
  FilterRegistrationBean<MutatingRequestGuard> mutatingRequestGuard(
      ApiSecurityProperties properties, JsonMapper json) {
    return registered(new MutatingRequestGuard(properties.token(), json), "/api/*", CALLER);
  }

  /** With mTLS: roles by the caller's SPIFFE ID for every request on the API port. */
  @Bean
  @ConditionalOnProperty(name = "x0tta6bl4.security.mtls.enabled", havingValue = "true")
  FilterRegistrationBean<SpiffeAuthorizationFilter> spiffeAuthorizationFilter(
      RoleRules roles, JsonMapper json) {
    return registered(new SpiffeAuthorizationFilter(roles, json), "/*", CALLER);
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(JsonMapper json) {
    return registered(new RequestSizeLimitFilter(json), "/api/*", BODY_SIZE);
  }

  @Bean
  FilterRegistrationBean<MediaTypeHeaderFilter> mediaTypeHeaderFilter(JsonMapper json) {
    // every path: content negotiation parses Accept for /health and the OpenAPI pages too
    return registered(new MediaTypeHeaderFilter(json), "/*", MEDIA_TYPES);
  }

  private static <F extends Filter> FilterRegistrationBean<F> registered(
      F filter, String urlPattern, int order) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(urlPattern);
    registration.setOrder(order);
    return registration;
  }

  @Bean
  OpenAPI openApi(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    String version =
        properties == null || properties.getVersion() == null
            ? HealthController.UNKNOWN_VERSION
            : properties.getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("x0tta6bl4")
                .version(version)
                .description(
                    "Self-healing controller: the MAPE-K loop (Monitor, Analyze, Plan, Execute"
                        + " over Knowledge). Operate the loop, read what it saw, decided and did."
                        + " Errors are RFC 9457 problem details (application/problem+json)."));
  }
}
