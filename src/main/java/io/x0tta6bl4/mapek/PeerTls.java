package io.x0tta6bl4.mapek;

import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Mutual TLS towards a peer that must prove a SPIFFE ID (a scraped target, a webhook receiver): the
 * controller presents its own X.509 SVID and accepts the server only when its certificate carries
 * the expected ID. The context reads the current SVID and bundle at every handshake, so a rotation
 * needs no new context.
 */
public interface PeerTls {

  /** The only TLS version offered to peers and accepted from callers. */
  String PROTOCOL = "TLSv1.3";

  /** Whether the controller has a SPIFFE identity to present. */
  boolean available();

  /**
   * A TLS 1.3 context for a peer that must prove {@code spiffeId}.
   *
   * @throws IllegalStateException when the controller has no SPIFFE identity; the message says how
   *     to configure one
   */
  SSLContext contextFor(String spiffeId);

  /**
   * {@code client} set up for a peer that must prove {@code spiffeId}: the context for it, and
   * {@link #PROTOCOL} only.
   *
   * @throws IllegalStateException when the controller has no SPIFFE identity
   */
  default HttpClient.Builder secure(HttpClient.Builder client, String spiffeId) {
    return client
        .sslContext(contextFor(spiffeId))
        .sslParameters(new SSLParameters(null, new String[] {PROTOCOL}));
  }

  /** No identity: every peer that needs mutual TLS is refused with {@link #MISSING}. */
  static PeerTls unavailable() {
    return new PeerTls() {
      @Override
      public boolean available() {
        return false;
      }

      @Override
      public SSLContext contextFor(String spiffeId) {
        throw new IllegalStateException(MISSING);
      }
    };
  }

  /** Why a peer with a SPIFFE ID cannot be reached, and what to set. */
  String MISSING =
      "mutual TLS needs the controller's SPIFFE identity: set SPIFFE_ENDPOINT_SOCKET"
          + " (x0tta6bl4.security.spiffe.endpoint-socket) or x0tta6bl4.security.spiffe.files.*";
}
