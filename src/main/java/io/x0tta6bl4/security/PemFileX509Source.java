package io.x0tta6bl4.security;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.exception.X509BundleException;
import io.spiffe.exception.X509SvidException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An X.509 SVID and trust bundle read from the PEM files spiffe-helper writes, for hosts with no
 * Workload API. The files are checked for a change at most once per reload interval, on use, so a
 * rotated SVID is picked up by the next handshake without a restart or a thread of its own. A set
 * of files that does not load (half written, mismatched key) is reported and the last good SVID
 * stays in use until the files are whole again.
 */
final class PemFileX509Source implements X509Source {

  private static final Logger log = LoggerFactory.getLogger(PemFileX509Source.class);

  private final SecurityProperties.SvidFiles files;
  private final Clock clock;
  private final Duration interval;
  private volatile Loaded current;
  private volatile Instant nextCheck;

  private record Loaded(X509Svid svid, X509Bundle bundle, List<FileTime> stamps) {}

  /**
   * @throws IllegalStateException naming the files when they cannot be read or are not an SVID
   */
  PemFileX509Source(SecurityProperties.SvidFiles files, Clock clock) {
    this.files = files;
    this.clock = clock;
    this.interval = files.reloadInterval();
    try {
      this.current = load();
    } catch (IOException | X509SvidException | X509BundleException e) {
      throw new IllegalStateException(
          "x0tta6bl4.security.spiffe.files: could not load an SVID from "
              + files.certificate()
              + ", "
              + files.privateKey()
              + " and "
              + files.bundle()
              + ": "
              + e.getMessage(),
          e);
    }
    this.nextCheck = clock.instant().plus(interval);
  }

  @Override
  public X509Svid getX509Svid() {
    return fresh().svid();
  }

  @Override
  public X509Bundle getBundleForTrustDomain(TrustDomain trustDomain)
      throws BundleNotFoundException {
    X509Bundle bundle = fresh().bundle();
    if (!bundle.getTrustDomain().equals(trustDomain)) {
      throw new BundleNotFoundException("no bundle for trust domain " + trustDomain);
    }
    return bundle;
  }

  @Override
  public void close() {
    // nothing held open between checks
  }

  private Loaded fresh() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck)) {
      return current;
    }
    synchronized (this) {
      if (now.isBefore(nextCheck)) {
        return current;
      }
      nextCheck = now.plus(interval);
      reloadIfChanged();
      return current;
    }
  }

  private void reloadIfChanged() {
    try {
      if (stamps().equals(current.stamps())) {
        return;
      }
      Loaded loaded = load();
      current = loaded;
      log.info(
          "loaded a new SVID {} (serial {}, valid until {}) from {}",
          loaded.svid().getSpiffeId(),
          loaded.svid().getLeaf().getSerialNumber(),
          loaded.svid().getLeaf().getNotAfter().toInstant(),
          files.certificate());
    } catch (IOException | X509SvidException | X509BundleException | RuntimeException e) {
      log.warn(
          "SVID files changed but do not load, keeping the SVID valid until {}: {}",
          current.svid().getLeaf().getNotAfter().toInstant(),
          e.getMessage());
    }
  }

  private Loaded load() throws IOException, X509SvidException, X509BundleException {
    // stamps first: a write that lands while loading shows up as a change at the next check
    List<FileTime> stamps = stamps();
    X509Svid svid = X509Svid.load(files.certificate(), files.privateKey());
    X509Bundle bundle = X509Bundle.load(svid.getSpiffeId().getTrustDomain(), files.bundle());
    return new Loaded(svid, bundle, stamps);
  }

  private List<FileTime> stamps() throws IOException {
    return List.of(
        modified(files.certificate()), modified(files.privateKey()), modified(files.bundle()));
  }

  private static FileTime modified(Path path) throws IOException {
    return Files.getLastModifiedTime(path);
  }
}
