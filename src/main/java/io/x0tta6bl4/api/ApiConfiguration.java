package io.x0tta6bl4.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.x0tta6bl4.security.RoleRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** The API's beans besides its controllers: the body size limit and the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class ApiConfiguration {

  /** Without mTLS (development): a bearer token, or loopback only, for mutating requests. */
  @Bean
  @ConditionalOnProperty(
      name = "x0tta6bl4.security.mtls.enabled",
      havingValue = "false",
      matchIfMissing = true)
  FilterRegistrationBean<MutatingRequestGuard> mutatingRequestGuard(
      ApiSecurityProperties properties, JsonMapper json) {
    FilterRegistrationBean<MutatingRequestGuard> registration =
        new FilterRegistrationBean<>(new MutatingRequestGuard(properties.token(), json));
    registration.addUrlPatterns("/api/*");
    // before the body is read: an unauthorised caller gets nothing of ours to parse
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** With mTLS: roles by the caller's SPIFFE ID for every request on the API port. */
  @Bean
  @ConditionalOnProperty(name = "x0tta6bl4.security.mtls.enabled", havingValue = "true")
  FilterRegistrationBean<SpiffeAuthorizationFilter> spiffeAuthorizationFilter(
      RoleRules roles, JsonMapper json) {
    FilterRegistrationBean<SpiffeAuthorizationFilter> registration =
        new FilterRegistrationBean<>(new SpiffeAuthorizationFilter(roles, json));
    registration.addUrlPatterns("/*");
    // before the body is read: an unauthorised caller gets nothing of ours to parse
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(JsonMapper json) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(json));
    registration.addUrlPatterns("/api/*");
    // before anything that might read the body
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
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
