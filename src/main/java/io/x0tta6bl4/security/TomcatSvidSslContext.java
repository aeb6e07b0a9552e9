package io.x0tta6bl4.security;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import org.apache.tomcat.util.net.SSLContext;

/**
 * Hands Tomcat a ready {@link SvidSslContexts#server} context. Tomcat would otherwise build its own
 * from a keystore once at startup; this one reads the SVID at every handshake.
 */
final class TomcatSvidSslContext implements SSLContext {

  private final SvidSslContexts.Managed managed;

  TomcatSvidSslContext(SvidSslContexts.Managed managed) {
    this.managed = managed;
  }

  @Override
  public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) {
    // built already, with managers that follow the SVID source
  }

  @Override
  public void destroy() {
    // nothing native to free
  }

  @Override
  public SSLSessionContext getServerSessionContext() {
    return managed.context().getServerSessionContext();
  }

  @Override
  public SSLEngine createSSLEngine() {
    return managed.context().createSSLEngine();
  }

  @Override
  public SSLServerSocketFactory getServerSocketFactory() {
    return managed.context().getServerSocketFactory();
  }

  @Override
  public SSLParameters getSupportedSSLParameters() {
    return managed.context().getSupportedSSLParameters();
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return managed.keys().getCertificateChain(alias);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return managed.trust().getAcceptedIssuers();
  }
}
