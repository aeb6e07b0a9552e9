package io.x0tta6bl4.security;

import io.spiffe.provider.SpiffeIdVerifier;
import io.spiffe.provider.SpiffeKeyManager;
import io.spiffe.provider.SpiffeTrustManager;
import io.spiffe.provider.SpiffeVerificationException;
import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.workloadapi.X509Source;
import io.x0tta6bl4.mapek.PeerTls;
import java.security.GeneralSecurityException;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 contexts whose key and trust managers read the current SVID and bundle from an {@link
 * X509Source} at every handshake: when the Workload API (or the files) rotate the SVID, the next
 * connection presents the new certificate, with nothing restarted or rebuilt.
 */
public final class SvidSslContexts {

  /** The only protocol either side speaks. */
  public static final String PROTOCOL = PeerTls.PROTOCOL;

  private SvidSslContexts() {}

  /**
   * For the API port: presents the controller's SVID and accepts a client whose chain verifies
   * against the bundle of the client's own trust domain (so a caller from an unknown trust domain
   * fails the handshake). Which ID may do what is decided after the handshake, by role.
   */
  public static Managed server(X509Source source) {
    return build(source, (id, chain) -> {});
  }

  /**
   * For outbound calls: presents the controller's SVID and accepts a server only when its SPIFFE ID
   * is one of {@code accepted}.
   */
  public static Managed client(X509Source source, Set<SpiffeId> accepted) {
    Set<SpiffeId> ids = Set.copyOf(accepted);
    return build(
        source,
        (id, chain) -> {
          if (!ids.contains(id)) {
            throw new SpiffeVerificationException(
                "the server's SPIFFE ID " + id + " is not the expected " + ids);
          }
        });
  }

  /** A context with the managers it was built from (Tomcat asks them for chains and issuers). */
  public record Managed(SSLContext context, SpiffeKeyManager keys, SpiffeTrustManager trust) {}

  private static Managed build(X509Source source, SpiffeIdVerifier verifier) {
    SpiffeKeyManager keys = new SpiffeKeyManager(source);
    SpiffeTrustManager trust = new SpiffeTrustManager(source, verifier);
    try {
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
      return new Managed(context, keys, trust);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot build a " + PROTOCOL + " context", e);
    }
  }
}
