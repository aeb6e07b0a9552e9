package io.x0tta6bl4.mapek.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandParamsTest {

  @TempDir Path dir;

  private static Map<String, String> argv(int count) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < count; i++) {
      params.put("argv." + i, i == 0 ? "echo" : "a" + i);
    }
    return params;
  }

  @Test
  void argumentsAreOrderedByTheirNumberNotTheirKeyText() throws TerminalActionException {
    Map<String, String> params = argv(12);

    CommandParams parsed = CommandParams.parse(params);

    assertThat(parsed.argv()).hasSize(12).startsWith("echo", "a1", "a2").endsWith("a10", "a11");
    assertThat(parsed.workdir()).isNull();
    assertThat(parsed.timeout()).isNull();
  }

  @Test
  void singleArgvValueIsRefusedSoNoValueCanSplitIntoArguments() {
    assertThatThrownBy(
            () -> CommandParams.parse(Map.of("argv", "[\"systemctl\",\"restart\",\"api\"]")))
        .isInstanceOf(TerminalActionException.class)
        .hasMessageStartingWith("params.argv as a single value is not supported");
  }

  @Test
  void malformedOrUnknownKeysAreNamed() {
    assertThatThrownBy(
            () -> CommandParams.parse(Map.of("argv.0", "echo", "argv[1]", "x", "workdri", "/")))
        .hasMessage(
            "unknown params 'argv[1]', 'workdri': a command takes argv.0, argv.1, …, workdir and"
                + " timeout");
    assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.0", "echo", "argv.01", "x")))
        .hasMessageStartingWith("unknown params 'argv.01'");
  }

  @Test
  void argumentsMustBeNumberedWithoutGaps() {
    assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.0", "echo", "argv.2", "x")))
        .hasMessage("params.argv.1 is missing: arguments are numbered from argv.0 without gaps");
    assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.1", "x")))
        .hasMessage("params.argv.0 is missing: arguments are numbered from argv.0 without gaps");
    assertThatThrownBy(() -> CommandParams.parse(Map.of()))
        .hasMessage("no program: set params.argv.0");
  }

  @Test
  void atMostSixtyFourArgumentsOfAtMost4096Characters() throws TerminalActionException {
    assertThat(CommandParams.parse(argv(64)).argv()).hasSize(64);
    assertThatThrownBy(() -> CommandParams.parse(argv(65)))
        .hasMessage("at most 64 arguments, but params.argv.64 was given");

    Map<String, String> params = argv(2);
    params.put("argv.1", "x".repeat(4096));
    assertThat(CommandParams.parse(params).argv().get(1)).hasSize(4096);
    params.put("argv.1", "x".repeat(4097));
    assertThatThrownBy(() -> CommandParams.parse(params))
        .hasMessage("params.argv.1 must be at most 4096 characters, but had 4097");
  }

  @Test
  void lineBreaksAndNulAreRefusedInAnyArgument() {
    assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.0", "echo", "argv.1", "a\rb")))
        .hasMessage("params.argv.1 must not contain a line break");
    assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.0", "ec\0ho")))
        .hasMessage("params.argv.0 must not contain a NUL character");
  }

  @Test
  void programIsABareNameOrAnAbsolutePath() throws TerminalActionException {
    assertThat(CommandParams.parse(Map.of("argv.0", "/usr/bin/env")).program())
        .isEqualTo("/usr/bin/env");
    for (String program : List.of("./restart.sh", "bin/restart", "", " ", "/")) {
      assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.0", program)))
          .hasMessage(
              "params.argv.0 must be a program name or an absolute path, but was '"
                  + program
                  + "'");
    }
  }

  @Test
  void workdirMustBeAnExistingAbsoluteDirectory() throws TerminalActionException {
    assertThat(CommandParams.parse(Map.of("argv.0", "pwd", "workdir", dir.toString())).workdir())
        .isEqualTo(dir);
    for (String workdir : List.of("relative", dir.resolve("missing").toString(), "")) {
      assertThatThrownBy(() -> CommandParams.parse(Map.of("argv.0", "pwd", "workdir", workdir)))
          .hasMessage(
              "params.workdir must be an absolute path to an existing directory, but was '"
                  + workdir
                  + "'");
    }
  }

  @Test
  void timeoutAcceptsShortAndIsoDurations() throws TerminalActionException {
    assertThat(CommandParams.timeout("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(CommandParams.timeout("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(CommandParams.timeout("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(CommandParams.timeout("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(CommandParams.timeout("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    for (String bad : List.of("0s", "-5s", "PT0S", "soon", "10")) {
      assertThatThrownBy(() -> CommandParams.timeout(bad))
          .hasMessage(
              "params.timeout must be a positive duration such as 30s or 500ms, but was '"
                  + bad
                  + "'");
    }
  }
}
