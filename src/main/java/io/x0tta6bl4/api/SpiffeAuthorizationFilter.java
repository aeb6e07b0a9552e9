package io.x0tta6bl4.api;

import io.spiffe.spiffeid.SpiffeId;
import io.x0tta6bl4.security.PeerIdentity;
import io.x0tta6bl4.security.Role;
import io.x0tta6bl4.security.RoleRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * With mTLS on, every caller has already proven a SPIFFE ID of a trusted trust domain in the
 * handshake; this decides what that ID may do. Reading needs the viewer role, anything that changes
 * the controller the operator role; a caller without the role gets 403 problem+json. The probes
 * ({@code /health}, {@code /ready}, {@code /live}) answer any trusted caller. Every refusal is
 * logged with the caller's ID, method and path; an allowed request at debug level.
 */
final class SpiffeAuthorizationFilter extends OncePerRequestFilter {

  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private static final Logger log = LoggerFactory.getLogger(SpiffeAuthorizationFilter.class);
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> PROBES = Set.of("/health", "/ready", "/live");

  private final RoleRules roles;
  private final FilterProblems problems;

  SpiffeAuthorizationFilter(RoleRules roles, JsonMapper json) {
    this.roles = roles;
    this.problems = new FilterProblems(json);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<SpiffeId> caller =
        PeerIdentity.of((X509Certificate[]) request.getAttribute(CERTIFICATES));
    if (caller.isPresent() && PROBES.contains(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    Role needed = READS.contains(request.getMethod()) ? Role.VIEWER : Role.OPERATOR;
    Optional<Role> role = caller.flatMap(roles::roleOf);
    if (role.isPresent() && role.get().allows(needed)) {
      log.debug(
          "allowed {} {} for {} ({})",
          request.getMethod(),
          request.getRequestURI(),
          caller.get(),
          role.get());
      chain.doFilter(request, response);
      return;
    }
    String who = caller.map(SpiffeId::toString).orElse("a caller with no SPIFFE ID");
    String has = role.map(r -> "only the " + name(r) + " role").orElse("no role");
    log.warn(
        "refused {} {} for {}: needs {}, has {}",
        request.getMethod(),
        request.getRequestURI(),
        who,
        name(needed),
        has);
    problems.write(
        request,
        response,
        ProblemType.FORBIDDEN,
        who
            + " has "
            + has
            + "; "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + " needs the "
            + name(needed)
            + " role (x0tta6bl4.security.roles."
            + name(needed)
            + ")");
  }

  private static String name(Role role) {
    return role.name().toLowerCase(java.util.Locale.ROOT);
  }
}
