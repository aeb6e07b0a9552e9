package io.x0tta6bl4.security;

import io.spiffe.workloadapi.X509Source;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Turns the API connector into mutual TLS: TLS 1.3 only, a client certificate required, both sides'
 * certificates from the SVID source. Only the API port's connector gets it; the management port
 * (health and metrics for probes and Prometheus) stays plain HTTP.
 */
final class MtlsConnectorCustomizer implements TomcatConnectorCustomizer {

  private final X509Source source;

  MtlsConnectorCustomizer(X509Source source) {
    this.source = source;
  }

  @Override
  public void customize(Connector connector) {
    if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
      throw new IllegalStateException(
          "mTLS needs an HTTP/1.1 connector, but the API port has "
              + connector.getProtocolHandler().getClass().getName());
    }
    SSLHostConfig host = new SSLHostConfig();
    host.setHostName(protocol.getDefaultSSLHostConfigName());
    host.setProtocols(SvidSslContexts.PROTOCOL);
    host.setCertificateVerification("required");
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setSslContext(new TomcatSvidSslContext(SvidSslContexts.server(source)));
    host.addCertificate(certificate);
    protocol.setSSLEnabled(true);
    protocol.addSslHostConfig(host, true);
    connector.setScheme("https");
    connector.setSecure(true);
  }
}
