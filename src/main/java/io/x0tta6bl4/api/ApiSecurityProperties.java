package io.x0tta6bl4.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may change things through the API ({@code x0tta6bl4.api.*}) while mTLS is not in use.
 *
 * @param token the bearer token every mutating request (POST, PUT, PATCH, DELETE under {@code
 *     /api/}) must carry; when none is configured, mutating requests are accepted from loopback
 *     only
 */
@ConfigurationProperties(prefix = "x0tta6bl4.api", ignoreUnknownFields = false)
public record ApiSecurityProperties(ApiToken token) {

  public ApiSecurityProperties {
    token = token == null ? ApiToken.of("") : token;
  }
}
