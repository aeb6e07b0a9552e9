package io.x0tta6bl4.security;

import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.workloadapi.X509Source;
import io.x0tta6bl4.mapek.PeerTls;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** Outbound mutual TLS with the controller's SVID, for scrapes and webhooks that name a peer. */
final class SvidPeerTls implements PeerTls {

  private final X509Source source;

  SvidPeerTls(X509Source source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public SSLContext contextFor(String spiffeId) {
    return SvidSslContexts.client(source, Set.of(SpiffeId.parse(spiffeId))).context();
  }
}
