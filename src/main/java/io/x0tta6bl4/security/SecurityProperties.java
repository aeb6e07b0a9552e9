package io.x0tta6bl4.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity and authorisation ({@code x0tta6bl4.security.*}).
 *
 * @param mtls whether the API port serves mutual TLS, and whether it must
 * @param spiffe where the controller's X.509 SVID and trust bundle come from
 * @param roles which callers, by SPIFFE ID, may read ({@code viewer}) or also change things ({@code
 *     operator}) while mTLS is on
 */
@ConfigurationProperties(prefix = "x0tta6bl4.security", ignoreUnknownFields = false)
public record SecurityProperties(Mtls mtls, Spiffe spiffe, Roles roles) {

  public SecurityProperties {
    mtls = mtls == null ? new Mtls(false, false) : mtls;
    spiffe = spiffe == null ? Spiffe.defaults() : spiffe;
    roles = roles == null ? new Roles(List.of(), List.of()) : roles;
    if (mtls.enabled() && !spiffe.configured()) {
      throw new IllegalArgumentException(
          "x0tta6bl4.security.mtls.enabled=true needs an identity: set SPIFFE_ENDPOINT_SOCKET"
              + " (x0tta6bl4.security.spiffe.endpoint-socket) to the Workload API socket, or"
              + " x0tta6bl4.security.spiffe.files.certificate, .private-key and .bundle to SVID"
              + " files");
    }
  }

  /**
   * @param enabled the API port serves TLS 1.3 and requires a client certificate (an X.509 SVID of
   *     a trusted trust domain)
   * @param required refuse to start while {@code enabled} is false; the prod profile sets it, so
   *     running production without mTLS takes an explicit {@code
   *     x0tta6bl4.security.mtls.required=false}
   */
  public record Mtls(boolean enabled, boolean required) {
    public Mtls {
      if (required && !enabled) {
        throw new IllegalArgumentException(
            "x0tta6bl4.security.mtls.enabled (MTLS_ENABLED) is false but"
                + " x0tta6bl4.security.mtls.required (MTLS_REQUIRED) is true, as in the prod"
                + " profile: turn mTLS on (MTLS_ENABLED=true with SPIFFE_ENDPOINT_SOCKET), or set"
                + " MTLS_REQUIRED=false to run without it on purpose");
      }
    }
  }

  /**
   * @param endpointSocket the SPIFFE Workload API address, {@code unix:/path} or {@code
   *     tcp://host:port} (the standard {@code SPIFFE_ENDPOINT_SOCKET}); takes precedence over files
   * @param initTimeout how long startup waits for the first SVID from the Workload API
   * @param files SVID files written by spiffe-helper, when no Workload API is reachable
   */
  public record Spiffe(String endpointSocket, Duration initTimeout, SvidFiles files) {
    public Spiffe {
      endpointSocket = endpointSocket == null ? "" : endpointSocket.strip();
      initTimeout = initTimeout == null ? Duration.ofSeconds(15) : initTimeout;
      files = files == null ? SvidFiles.none() : files;
      if (initTimeout.isNegative() || initTimeout.isZero()) {
        throw new IllegalArgumentException(
            "x0tta6bl4.security.spiffe.init-timeout must be positive, but was " + initTimeout);
      }
      if (!endpointSocket.isEmpty()
          && !endpointSocket.startsWith("unix:")
          && !endpointSocket.startsWith("tcp://")) {
        throw new IllegalArgumentException(
            "x0tta6bl4.security.spiffe.endpoint-socket must start with unix: or tcp://, but was '"
                + endpointSocket
                + "'");
      }
    }

    static Spiffe defaults() {
      return new Spiffe("", null, null);
    }

    /** Whether an identity source is configured: a Workload API, or all three files. */
    public boolean configured() {
      return !endpointSocket.isEmpty() || files.complete();
    }
  }

  /**
   * @param certificate PEM certificate chain, leaf first (spiffe-helper's {@code svid.pem})
   * @param privateKey PEM PKCS#8 private key ({@code svid_key.pem})
   * @param bundle PEM trust bundle, the CA certificates of the controller's trust domain ({@code
   *     svid_bundle.pem})
   * @param reloadInterval how often the files are checked for a change; a changed set is loaded and
   *     used by the next handshake
   */
  public record SvidFiles(Path certificate, Path privateKey, Path bundle, Duration reloadInterval) {
    public SvidFiles {
      reloadInterval = reloadInterval == null ? Duration.ofSeconds(5) : reloadInterval;
      if (reloadInterval.isNegative() || reloadInterval.isZero()) {
        throw new IllegalArgumentException(
            "x0tta6bl4.security.spiffe.files.reload-interval must be positive, but was "
                + reloadInterval);
      }
      // ${VAR:} placeholders bind unset variables as empty paths
      certificate = blank(certificate) ? null : certificate;
      privateKey = blank(privateKey) ? null : privateKey;
      bundle = blank(bundle) ? null : bundle;
      int given =
          (certificate == null ? 0 : 1) + (privateKey == null ? 0 : 1) + (bundle == null ? 0 : 1);
      if (given != 0 && given != 3) {
        throw new IllegalArgumentException(
            "x0tta6bl4.security.spiffe.files needs certificate, private-key and bundle together,"
                + " but was certificate="
                + certificate
                + ", private-key="
                + privateKey
                + ", bundle="
                + bundle);
      }
    }

    static SvidFiles none() {
      return new SvidFiles(null, null, null, null);
    }

    boolean complete() {
      return certificate != null;
    }

    private static boolean blank(Path path) {
      return path == null || path.toString().isBlank();
    }
  }

  /**
   * SPIFFE ID patterns: {@code spiffe://td/path} matches that ID only, {@code spiffe://td/path/*}
   * every ID under {@code /path}, {@code spiffe://td/*} every ID of the trust domain.
   *
   * @param viewer may read (GET) the API
   * @param operator may also pause and resume the loop, run a cycle, change targets and policies,
   *     approve and reject actions
   */
  public record Roles(List<String> viewer, List<String> operator) {
    public Roles {
      viewer = viewer == null ? List.of() : List.copyOf(viewer);
      operator = operator == null ? List.of() : List.copyOf(operator);
    }
  }
}
