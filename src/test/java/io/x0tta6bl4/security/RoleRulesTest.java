package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spiffe.spiffeid.SpiffeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleRulesTest {

  private final RoleRules rules =
      RoleRules.from(
          new SecurityProperties.Roles(
              List.of(
                  "spiffe://example.org/ns/monitoring/*", "spiffe://example.org/ns/ops/sa/oncall"),
              List.of(
                  "spiffe://example.org/ns/ops/sa/oncall",
                  "spiffe://example.org/ns/ci/sa/deployer")));

  private Object roleOf(String id) {
    return rules.roleOf(SpiffeId.parse(id)).orElse(null);
  }

  @Test
  void anExactIdMatchesOnlyItself() {
    assertThat(roleOf("spiffe://example.org/ns/ci/sa/deployer")).isEqualTo(Role.OPERATOR);
    assertThat(roleOf("spiffe://example.org/ns/ci/sa/deployer2")).isNull();
    assertThat(roleOf("spiffe://example.org/ns/ci/sa/deployer/x")).isNull();
  }

  @Test
  void aPrefixMatchesWholeSegmentsBelowIt() {
    assertThat(roleOf("spiffe://example.org/ns/monitoring/sa/grafana")).isEqualTo(Role.VIEWER);
    assertThat(roleOf("spiffe://example.org/ns/monitoring")).isNull();
    assertThat(roleOf("spiffe://example.org/ns/monitoringevil/sa/x")).isNull();
  }

  @Test
  void theSamePathInAnotherTrustDomainHasNoRole() {
    assertThat(roleOf("spiffe://evil.example/ns/ops/sa/oncall")).isNull();
    assertThat(roleOf("spiffe://evil.example/ns/monitoring/sa/grafana")).isNull();
  }

  @Test
  void operatorWinsOverViewer() {
    assertThat(roleOf("spiffe://example.org/ns/ops/sa/oncall")).isEqualTo(Role.OPERATOR);
  }

  @Test
  void aWholeTrustDomainCanBeGranted() {
    RoleRules all =
        RoleRules.from(new SecurityProperties.Roles(List.of("spiffe://example.org/*"), List.of()));

    assertThat(all.roleOf(SpiffeId.parse("spiffe://example.org/anything/at/all")))
        .contains(Role.VIEWER);
    assertThat(all.roleOf(SpiffeId.parse("spiffe://example.com/anything"))).isEmpty();
  }

  @Test
  void operatorsMayDoWhatViewersMayButNotTheOtherWayRound() {
    assertThat(Role.OPERATOR.allows(Role.VIEWER)).isTrue();
    assertThat(Role.OPERATOR.allows(Role.OPERATOR)).isTrue();
    assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
  }

  @Test
  void aBadEntryNamesItsKeyAndIndex() {
    assertThatThrownBy(
            () ->
                RoleRules.from(
                    new SecurityProperties.Roles(
                        List.of(),
                        List.of("spiffe://example.org/ns/ops", "https://example.org/x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x0tta6bl4.security.roles.operator[1]")
        .hasMessageContaining("https://example.org/x");
    assertThatThrownBy(
            () ->
                RoleRules.from(
                    new SecurityProperties.Roles(List.of("spiffe://example.org"), List.of())))
        .hasMessageContaining("x0tta6bl4.security.roles.viewer[0]");
  }

  @Test
  void noEntriesMeansNoRoleForAnyone() {
    RoleRules none = RoleRules.from(new SecurityProperties.Roles(null, null));

    assertThat(none.isEmpty()).isTrue();
    assertThat(none.roleOf(SpiffeId.parse("spiffe://example.org/ns/ops/sa/oncall"))).isEmpty();
  }
}
