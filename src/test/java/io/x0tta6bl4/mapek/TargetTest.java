package io.x0tta6bl4.mapek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {

  private static Target scrape(String url, String spiffeId) {
    return new Target(
        "shop",
        Target.Kind.PROMETHEUS,
        URI.create(url),
        null,
        0,
        null,
        null,
        null,
        Map.of(),
        spiffeId);
  }

  @Test
  void aSpiffeIdMakesTheTargetMutualTls() {
    Target target = scrape("https://shop:8443/metrics", " spiffe://example.org/ns/shop/sa/web ");

    assertThat(target.mutualTls()).isTrue();
    assertThat(target.spiffeId()).isEqualTo("spiffe://example.org/ns/shop/sa/web");
    assertThat(scrape("http://shop/metrics", "").mutualTls()).isFalse();
  }

  @Test
  void mutualTlsNeedsAnHttpsUrl() {
    assertThatThrownBy(() -> scrape("http://shop/metrics", "spiffe://example.org/ns/shop"))
        .hasMessageContaining("target 'shop' has a spiffe-id, so its url must be https");
  }

  @Test
  void theControllerItselfTakesNoSpiffeId() {
    assertThatThrownBy(
            () ->
                new Target(
                    "self",
                    Target.Kind.SELF,
                    null,
                    null,
                    0,
                    null,
                    null,
                    null,
                    Map.of(),
                    "spiffe://example.org/ns/x0tta6bl4"))
        .hasMessageContaining("spiffe-id of target 'self' applies to prometheus and http targets");
  }

  @Test
  void aSpiffeIdIsCheckedForItsSyntax() {
    for (String bad :
        new String[] {
          "https://example.org/ns/shop",
          "spiffe://example.org",
          "spiffe://Example.org/ns",
          "spiffe://example.org/ns//shop",
          "spiffe://example.org/ns/../admin",
          "spiffe://example.org/ns/shop/",
          "spiffe://example.org/ns/sh op"
        }) {
      assertThatThrownBy(() -> scrape("https://shop/metrics", bad))
          .as(bad)
          .hasMessageContaining("spiffe-id of target 'shop' must be a SPIFFE ID");
    }
  }
}
