package io.x0tta6bl4.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A controller that restarts services must not take orders from anyone who can reach its port.
 * Reads are open; a mutating request needs {@code Authorization: Bearer <x0tta6bl4.api.token>} (401
 * otherwise), and with no token configured it is accepted from loopback only (403 otherwise).
 * Refusals are logged with the method, path and caller address, never with a token.
 */
final class MutatingRequestGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(MutatingRequestGuard.class);
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String BEARER = "Bearer ";

  private final ApiToken token;
  private final FilterProblems problems;

  MutatingRequestGuard(ApiToken token, JsonMapper json) {
    this.token = token;
    this.problems = new FilterProblems(json);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!MUTATING.contains(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    if (token.isSet()) {
      String header = request.getHeader("Authorization");
      if (header == null
          || !header.startsWith(BEARER)
          || !token.matches(header.substring(BEARER.length()))) {
        refuse(request, "no valid bearer token");
        response.setHeader("WWW-Authenticate", "Bearer realm=\"x0tta6bl4\"");
        problems.write(
            request,
            response,
            ProblemType.UNAUTHORIZED,
            "this request changes the controller and needs Authorization: Bearer <x0tta6bl4.api.token>");
        return;
      }
    } else if (!loopback(request.getRemoteAddr())) {
      refuse(request, "not from loopback and no token configured");
      problems.write(
          request,
          response,
          ProblemType.FORBIDDEN,
          "with no x0tta6bl4.api.token configured, requests that change the controller are accepted"
              + " from loopback only");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletRequest request, String why) {
    log.warn(
        "refused {} {} from {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        request.getRemoteAddr(),
        why);
  }

  private static boolean loopback(String address) {
    try {
      // a literal address: no name lookup happens
      return address != null && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
