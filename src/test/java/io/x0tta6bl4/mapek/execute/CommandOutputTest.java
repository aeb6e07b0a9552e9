package io.x0tta6bl4.mapek.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandOutputTest {

  private static OutputTail drained(String output, int max) throws InterruptedException {
    OutputTail tail =
        OutputTail.start(
            new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), max, "test-tail");
    assertThat(tail.awaitEnd(Duration.ofSeconds(10))).isTrue();
    return tail;
  }

  @Test
  void tailKeepsExactlyTheLastCharacters() throws InterruptedException {
    String output = "a".repeat(1_000_000) + "0123456789";

    OutputTail tail = drained(output, 2000);

    assertThat(tail.text()).hasSize(2000).endsWith("a0123456789");
    assertThat(tail.truncated()).isTrue();
  }

  @Test
  void shortOutputIsKeptWhole() throws InterruptedException {
    OutputTail tail = drained("done\n", 2000);

    assertThat(tail.text()).isEqualTo("done\n");
    assertThat(tail.truncated()).isFalse();
    assertThat(CommandOutput.message("exit 0", tail)).isEqualTo("exit 0: done");
  }

  @Test
  void zeroTailKeepsNothing() throws InterruptedException {
    OutputTail tail = drained("token=abc\n", 0);

    assertThat(CommandOutput.message("exit 0", tail)).isEqualTo("exit 0");
  }

  @Test
  void messageKeepsTheEndWithinTheLimit() throws InterruptedException {
    OutputTail tail = drained("x".repeat(600) + " Error: unit not found", 2000);

    String message = CommandOutput.message("exit 5", tail);

    assertThat(message)
        .hasSize(CommandOutput.MAX_MESSAGE)
        .startsWith("exit 5: …xxx")
        .endsWith("xxx Error: unit not found");
  }

  @Test
  void outputBecomesOneLineWithoutControlCharacters() {
    assertThat(CommandOutput.oneLine("  line 1\r\n\tline 2\n\n\u001b[31mred\0\n"))
        .isEqualTo("line 1 line 2 \uFFFD[31mred\uFFFD");
  }

  @Test
  void malformedUtf8IsReplacedNotFatal() throws InterruptedException {
    OutputTail tail =
        OutputTail.start(
            new ByteArrayInputStream(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}),
            100,
            "test-tail");
    assertThat(tail.awaitEnd(Duration.ofSeconds(10))).isTrue();

    assertThat(tail.text()).isEqualTo("ok\uFFFD(");
  }
}
