package io.x0tta6bl4.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable {@code type} URIs of the API's problem details (RFC 9457). Clients may switch on them;
 * they never change once published. A status without an entry here is reported as {@code
 * about:blank}, which RFC 9457 reserves for "nothing beyond the status code".
 */
enum ProblemType {
  INVALID_REQUEST("invalid-request", "Invalid request", 400),
  MALFORMED_JSON("malformed-json", "Malformed JSON", 400),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
  CONFLICT("conflict", "Conflict", 409),
  UNAUTHORIZED("unauthorized", "Unauthorized", 401),
  FORBIDDEN("forbidden", "Forbidden", 403),
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
  INTERNAL("internal", "Internal error", 500);

  static final String BASE = "https://x0tta6bl4.io/problems/";

  private final URI uri;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.uri = URI.create(BASE + slug);
    this.title = title;
    this.status = status;
  }

  URI uri() {
    return uri;
  }

  String title() {
    return title;
  }

  int status() {
    return status;
  }

  /** A problem of this type with the given human-readable detail. */
  ProblemDetail problem(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    problem.setType(uri);
    problem.setTitle(title);
    return problem;
  }

  /**
   * An invalid-request problem; {@code errors} is always present, empty when no field is at fault.
   */
  static ProblemDetail invalidRequest(String detail, List<FieldProblem> errors) {
    ProblemDetail problem = INVALID_REQUEST.problem(detail);
    problem.setProperty("errors", List.copyOf(errors));
    return problem;
  }

  /**
   * Gives a problem created elsewhere (by Spring MVC, or from a bare status) the type and title of
   * its status; {@link #MALFORMED_JSON} is never chosen this way because 400 means invalid-request.
   */
  static void classify(ProblemDetail problem) {
    Arrays.stream(values())
        .filter(type -> type != MALFORMED_JSON && type.status == problem.getStatus())
        .findFirst()
        .ifPresent(
            type -> {
              problem.setType(type.uri);
              problem.setTitle(type.title);
            });
  }
}
