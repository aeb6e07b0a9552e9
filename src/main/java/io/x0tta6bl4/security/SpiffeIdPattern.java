package io.x0tta6bl4.security;

import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.spiffeid.TrustDomain;

/**
 * One entry of a role list: {@code spiffe://td/path} (that ID), {@code spiffe://td/path/*} (every
 * ID under {@code /path}, not {@code /path} itself and not {@code /pathology}) or {@code
 * spiffe://td/*} (every ID of the trust domain). Matching is by whole path segments, so a prefix
 * never reaches into another workload's name.
 */
record SpiffeIdPattern(String trustDomain, String path, boolean prefix) {

  private static final String ANY = "/*";
  private static final String SCHEME = "spiffe://";

  /**
   * @param key the configuration key it came from, named in the error
   * @throws IllegalArgumentException when {@code text} is not a SPIFFE ID or such a prefix
   */
  static SpiffeIdPattern parse(String key, String text) {
    String value = text == null ? "" : text.strip();
    boolean prefix = value.endsWith(ANY);
    String id = prefix ? value.substring(0, value.length() - ANY.length()) : value;
    try {
      if (prefix && id.indexOf('/', SCHEME.length()) < 0) {
        // spiffe://td/* : the whole trust domain
        return new SpiffeIdPattern(TrustDomain.parse(id).getName(), "", true);
      }
      SpiffeId parsed = SpiffeId.parse(id);
      if (parsed.getPath().isEmpty()) {
        throw new IllegalArgumentException("a trust domain alone names no workload");
      }
      return new SpiffeIdPattern(parsed.getTrustDomain().getName(), parsed.getPath(), prefix);
    } catch (IllegalArgumentException | InvalidSpiffeIdException e) {
      throw new IllegalArgumentException(
          key
              + " must be a SPIFFE ID (spiffe://example.org/ns/prod/sa/ops) or a prefix ending in"
              + " /* (spiffe://example.org/ns/prod/*), but was '"
              + text
              + "': "
              + e.getMessage(),
          e);
    }
  }

  boolean matches(SpiffeId id) {
    if (!id.getTrustDomain().getName().equals(trustDomain)) {
      return false;
    }
    String candidate = id.getPath();
    return prefix ? candidate.startsWith(path + "/") : candidate.equals(path);
  }

  @Override
  public String toString() {
    return SCHEME + trustDomain + path + (prefix ? ANY : "");
  }
}
