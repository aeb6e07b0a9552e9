package io.x0tta6bl4.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token that mutating API requests must carry. It never prints: {@code toString()} is
 * {@code ****}, so a properties record holding it can be logged.
 */
public final class ApiToken {

  private final byte[] value;

  private ApiToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /** Spring binds the property through this factory; blank means "no token". */
  public static ApiToken of(String value) {
    return new ApiToken(value == null ? "" : value.trim());
  }

  boolean isSet() {
    return value.length > 0;
  }

  /** Constant-time, so the time an answer takes says nothing about the token. */
  boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "****";
  }
}
