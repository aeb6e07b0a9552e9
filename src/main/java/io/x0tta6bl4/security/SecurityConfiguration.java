package io.x0tta6bl4.security;

import io.x0tta6bl4.mapek.PeerTls;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The controller's SPIFFE identity, the mTLS API port, outbound mTLS, and the role rules callers
 * are held to.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean(destroyMethod = "close")
  SpiffeIdentity spiffeIdentity(SecurityProperties properties, Clock clock) {
    return SpiffeIdentity.open(properties.spiffe(), clock);
  }

  /** Outbound mutual TLS for targets and webhooks with a {@code spiffe-id}. */
  @Bean
  PeerTls peerTls(SpiffeIdentity identity) {
    return identity.source().<PeerTls>map(SvidPeerTls::new).orElseGet(PeerTls::unavailable);
  }

  @Bean
  RoleRules roleRules(SecurityProperties properties) {
    return RoleRules.from(properties.roles());
  }

  @Bean
  @ConditionalOnProperty(name = "x0tta6bl4.security.mtls.enabled", havingValue = "true")
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> mtlsApiPort(
      SpiffeIdentity identity, RoleRules roles) {
    MtlsConnectorCustomizer mtls =
        new MtlsConnectorCustomizer(identity.require("x0tta6bl4.security.mtls.enabled=true"));
    if (roles.isEmpty()) {
      log.warn(
          "mTLS is on but x0tta6bl4.security.roles names no viewer and no operator: every API"
              + " request will be refused");
    }
    log.info("API port: mutual TLS ({}) only; roles {}", SvidSslContexts.PROTOCOL, roles);
    return factory -> factory.addConnectorCustomizers(mtls);
  }
}
