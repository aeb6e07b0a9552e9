package io.x0tta6bl4.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a Content-Type that is not a media type (or names an unknown charset) with a 415 problem,
 * and an Accept that is not a list of media types with a 406 problem, before Spring MVC sees them.
 * Found by fuzzing: MVC failed on such an Accept again while writing its own error, and answered
 * with no body at all; and Spring's parser fails on a quoted type ({@code "a/b"}) with a
 * StringIndexOutOfBoundsException, which MVC turned into a 500.
 */
final class MediaTypeHeaderFilter extends OncePerRequestFilter {

  private final FilterProblems problems;

  MediaTypeHeaderFilter(JsonMapper json) {
    this.problems = new FilterProblems(json);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !parses(() -> MediaType.parseMediaType(contentType))) {
      problems.write(
          request,
          response,
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type is not a valid media type; send application/json");
      return;
    }
    for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      if (!parses(() -> MediaType.parseMediaTypes(accept))) {
        problems.write(
            request,
            response,
            ProblemType.NOT_ACCEPTABLE,
            "Accept is not a valid list of media types; send application/json or leave it out");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (IllegalArgumentException | IndexOutOfBoundsException invalid) {
      // the second is Spring 7.0's parser on a quoted type such as "a/b" (found by fuzzing)
      return false;
    }
  }
}
