package io.x0tta6bl4.security;

import io.spiffe.exception.SocketEndpointAddressException;
import io.spiffe.exception.X509SourceException;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.X509Source;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's own SPIFFE identity, when one is configured: an X.509 source fed by the Workload
 * API at {@code SPIFFE_ENDPOINT_SOCKET} (streamed, rotated by the agent) or by SVID files. The
 * inbound mTLS connector and outbound mTLS clients all read this one source.
 */
public final class SpiffeIdentity implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpiffeIdentity.class);

  private final X509Source source;

  SpiffeIdentity(X509Source source) {
    this.source = source;
  }

  /**
   * Opens the configured source, or none. Startup waits up to {@code init-timeout} for the first
   * SVID from the Workload API.
   *
   * @throws IllegalStateException naming the key and address when no SVID can be had
   */
  static SpiffeIdentity open(SecurityProperties.Spiffe spiffe, Clock clock) {
    if (!spiffe.endpointSocket().isEmpty()) {
      return new SpiffeIdentity(workloadApi(spiffe));
    }
    if (spiffe.files().complete()) {
      return new SpiffeIdentity(new PemFileX509Source(spiffe.files(), clock));
    }
    return new SpiffeIdentity(null);
  }

  private static X509Source workloadApi(SecurityProperties.Spiffe spiffe) {
    try {
      DefaultX509Source source =
          DefaultX509Source.newSource(
              DefaultX509Source.X509SourceOptions.builder()
                  .spiffeSocketPath(spiffe.endpointSocket())
                  .initTimeout(spiffe.initTimeout())
                  .build());
      log.info(
          "SPIFFE identity {} from the Workload API at {}",
          source.getX509Svid().getSpiffeId(),
          spiffe.endpointSocket());
      return source;
    } catch (SocketEndpointAddressException | X509SourceException | RuntimeException e) {
      throw new IllegalStateException(
          "x0tta6bl4.security.spiffe.endpoint-socket (SPIFFE_ENDPOINT_SOCKET): no X.509 SVID from"
              + " the Workload API at "
              + spiffe.endpointSocket()
              + " within "
              + spiffe.initTimeout()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The source, when an identity is configured. */
  public Optional<X509Source> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The source, for a feature that cannot work without one.
   *
   * @param feature what needs it, named in the error ("outbound mTLS to target web")
   */
  public X509Source require(String feature) {
    if (source == null) {
      throw new IllegalStateException(
          feature
              + " needs the controller's SPIFFE identity: set SPIFFE_ENDPOINT_SOCKET"
              + " (x0tta6bl4.security.spiffe.endpoint-socket) or x0tta6bl4.security.spiffe.files.*");
    }
    return source;
  }

  @Override
  public void close() throws IOException {
    if (source != null) {
      source.close();
    }
  }
}
