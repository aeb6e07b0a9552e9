package io.x0tta6bl4.security;

import io.spiffe.exception.InvalidSpiffeIdException;
import io.spiffe.spiffeid.SpiffeId;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads a peer's SPIFFE ID from its certificate: the one URI SAN an X.509 SVID carries. */
public final class PeerIdentity {

  private static final int URI_SAN = 6;

  private PeerIdentity() {}

  /**
   * The SPIFFE ID of the leaf of {@code chain}, or empty when there is no chain, or the leaf has no
   * SPIFFE URI SAN or more than one URI SAN (the SPIFFE X.509 profile allows exactly one).
   */
  public static Optional<SpiffeId> of(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return Optional.empty();
    }
    try {
      Collection<List<?>> names = chain[0].getSubjectAlternativeNames();
      if (names == null) {
        return Optional.empty();
      }
      List<String> uris =
          names.stream()
              .filter(n -> n.size() == 2 && Integer.valueOf(URI_SAN).equals(n.get(0)))
              .map(n -> String.valueOf(n.get(1)))
              .toList();
      return uris.size() == 1 && uris.get(0).startsWith("spiffe://")
          ? Optional.of(SpiffeId.parse(uris.get(0)))
          : Optional.empty();
    } catch (CertificateParsingException | IllegalArgumentException | InvalidSpiffeIdException e) {
      return Optional.empty();
    }
  }
}
