package io.x0tta6bl4.security;

import io.spiffe.spiffeid.SpiffeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a caller's SPIFFE ID to its role from {@code x0tta6bl4.security.roles}. A caller listed as
 * operator is an operator even when a viewer pattern matches it too; a caller matched by neither
 * has no role.
 */
public final class RoleRules {

  private final List<SpiffeIdPattern> viewers;
  private final List<SpiffeIdPattern> operators;

  private RoleRules(List<SpiffeIdPattern> viewers, List<SpiffeIdPattern> operators) {
    this.viewers = viewers;
    this.operators = operators;
  }

  /**
   * @throws IllegalArgumentException naming the key of the first entry that is not a SPIFFE ID or
   *     prefix
   */
  public static RoleRules from(SecurityProperties.Roles roles) {
    return new RoleRules(
        parse("x0tta6bl4.security.roles.viewer", roles.viewer()),
        parse("x0tta6bl4.security.roles.operator", roles.operator()));
  }

  /** The strongest role {@code caller} has, or empty. */
  public Optional<Role> roleOf(SpiffeId caller) {
    if (anyMatch(operators, caller)) {
      return Optional.of(Role.OPERATOR);
    }
    return anyMatch(viewers, caller) ? Optional.of(Role.VIEWER) : Optional.empty();
  }

  /** Whether no caller has any role (every request would be refused). */
  public boolean isEmpty() {
    return viewers.isEmpty() && operators.isEmpty();
  }

  @Override
  public String toString() {
    return "viewer=" + viewers + ", operator=" + operators;
  }

  private static boolean anyMatch(List<SpiffeIdPattern> patterns, SpiffeId caller) {
    for (SpiffeIdPattern pattern : patterns) {
      if (pattern.matches(caller)) {
        return true;
      }
    }
    return false;
  }

  private static List<SpiffeIdPattern> parse(String key, List<String> entries) {
    List<SpiffeIdPattern> patterns = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      patterns.add(SpiffeIdPattern.parse(key + "[" + i + "]", entries.get(i)));
    }
    return List.copyOf(patterns);
  }
}
