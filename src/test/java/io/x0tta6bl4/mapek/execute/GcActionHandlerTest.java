package io.x0tta6bl4.mapek.execute;

import static io.x0tta6bl4.mapek.execute.TestActions.action;
import static io.x0tta6bl4.mapek.execute.TestActions.cycle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.x0tta6bl4.mapek.Mode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcActionHandlerTest {

  private static final long MIB = 1024L * 1024L;

  private final MemoryMXBean memory = mock(MemoryMXBean.class);
  private final RuntimeMXBean runtime = mock(RuntimeMXBean.class);
  private final GcActionHandler handler = new GcActionHandler(memory, runtime);

  private static MemoryUsage used(long mib) {
    return new MemoryUsage(0, mib * MIB, 2048 * MIB, 4096 * MIB);
  }

  @Test
  void requestsAFullGcAndReportsHeapUsedBeforeAndAfter() throws Exception {
    given(runtime.getInputArguments()).willReturn(List.of("-Xmx4g"));
    given(memory.getHeapMemoryUsage()).willReturn(used(812), used(301));

    ActionResult result = handler.run(action("42-1", "gc"), cycle(Mode.ACTIVE));

    assertThat(result).isEqualTo(ActionResult.succeeded(1, "heap used 812 MiB -> 301 MiB"));
    then(memory).should().gc();
  }

  @Test
  void failsInsteadOfPretendingWhenExplicitGcIsDisabled() {
    given(runtime.getInputArguments()).willReturn(List.of("-Xmx4g", "-XX:+DisableExplicitGC"));

    assertThatThrownBy(() -> handler.run(action("42-1", "gc"), cycle(Mode.ACTIVE)))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("explicit GC is disabled (-XX:+DisableExplicitGC)");
    then(memory).should(never()).gc();
  }

  @Test
  void theLastOfRepeatedFlagsWins() {
    assertThat(
            GcActionHandler.explicitGcDisabled(
                List.of("-XX:+DisableExplicitGC", "-XX:-DisableExplicitGC")))
        .isFalse();
    assertThat(
            GcActionHandler.explicitGcDisabled(
                List.of("-XX:-DisableExplicitGC", "-XX:+DisableExplicitGC")))
        .isTrue();
    assertThat(GcActionHandler.explicitGcDisabled(List.of())).isFalse();
  }

  @Test
  void worksAgainstThisJvm() throws Exception {
    GcActionHandler real =
        new GcActionHandler(
            ManagementFactory.getMemoryMXBean(), ManagementFactory.getRuntimeMXBean());

    ActionResult result = real.run(action("42-1", "gc"), cycle(Mode.ACTIVE));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.message()).matches("heap used \\d+ MiB -> \\d+ MiB");
  }
}
