package io.x0tta6bl4.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties a 500 answer to its log line: the caller's {@code X-Request-Id} when it is a
 * plain token (so it can be logged safely), a random UUID otherwise.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  static String of(HttpServletRequest request) {
    String given = request.getHeader(HEADER);
    return given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }
}
