package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} JSON with a problem for errors that never reached the advice (a
 * filter's {@code sendError}, an exception thrown by a filter, a container rejection). The problem
 * is built from the status alone: the exception's message and trace are logged, never sent.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    int status = status(request);
    String path = path(request);
    ProblemDetail problem = ProblemDetail.forStatus(status);
    ProblemType.classify(problem);
    problem.setDetail(detail(status, path, request));
    try {
      problem.setInstance(URI.create(path));
    } catch (IllegalArgumentException notAUri) {
      // leave instance out rather than fail while reporting a failure
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String detail(int status, String path, HttpServletRequest request) {
    if (status >= 500) {
      String id = RequestIds.of(request);
      Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      if (failure instanceof Throwable thrown) {
        log.error("request {} {} failed outside the API's handlers", id, path, thrown);
      } else {
        log.error("request {} {} failed outside the API's handlers with {}", id, path, status);
      }
      return "internal error, see the controller log for request " + id;
    }
    return switch (status) {
      case 404 -> "no resource at " + path;
      case 413 -> "request body is too large";
      default -> reason(status);
    };
  }

  private static String reason(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null
        ? "the request failed with status " + status
        : known.getReasonPhrase().toLowerCase(Locale.ROOT);
  }

  private static int status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (code instanceof Integer value && value >= 400 && value <= 599) {
      return value;
    }
    return 500;
  }

  private static String path(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return uri instanceof String text ? text : request.getRequestURI();
  }
}
