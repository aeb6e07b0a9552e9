package io.x0tta6bl4.testsupport;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;
import java.util.Map;

/** A fixed SVID and bundles: a test caller's identity, as its own agent would hand it over. */
public record StaticX509Source(X509Svid svid, Map<TrustDomain, X509Bundle> bundles)
    implements X509Source {

  public static StaticX509Source of(TestCa.Svid svid, TestCa... trusted) {
    Map<TrustDomain, X509Bundle> bundles = new java.util.HashMap<>();
    for (TestCa ca : trusted) {
      bundles.put(ca.trustDomain(), ca.bundle());
    }
    return new StaticX509Source(svid.toX509Svid(), Map.copyOf(bundles));
  }

  @Override
  public X509Svid getX509Svid() {
    return svid;
  }

  @Override
  public X509Bundle getBundleForTrustDomain(TrustDomain trustDomain)
      throws BundleNotFoundException {
    X509Bundle bundle = bundles.get(trustDomain);
    if (bundle == null) {
      throw new BundleNotFoundException("no bundle for " + trustDomain);
    }
    return bundle;
  }

  @Override
  public void close() {}
}
