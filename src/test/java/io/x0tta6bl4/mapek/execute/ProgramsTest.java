package io.x0tta6bl4.mapek.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramsTest {

  @TempDir Path dir;

  private Path executable(Path folder, String name) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(name);
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void bareNameIsTheFirstExecutableOnPath() throws IOException, TerminalActionException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Files.createDirectories(first);
    Files.writeString(first.resolve("tool"), "not executable");
    Path tool = executable(second, "tool");

    Programs programs = new Programs(List.of(), first + ":" + second);

    assertThat(programs.resolve("tool")).isEqualTo(tool);
  }

  @Test
  void emptyAndRelativePathEntriesAreNeverSearched() throws IOException {
    executable(dir, "tool");

    Programs programs = new Programs(List.of(), ":.:relative/bin");

    assertThatThrownBy(() -> programs.resolve("tool"))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("program 'tool' not found on PATH");
  }

  @Test
  void withoutPathOnlyAbsoluteProgramsRun() throws IOException, TerminalActionException {
    Path tool = executable(dir, "tool");
    Programs programs = new Programs(List.of(), null);

    assertThat(programs.resolve(tool.toString())).isEqualTo(tool);
    assertThatThrownBy(() -> programs.resolve("tool"))
        .hasMessage("program 'tool' not found on PATH");
  }

  @Test
  void absoluteAllowListEntryAllowsTheProgramABareNameResolvesTo()
      throws IOException, TerminalActionException {
    Path tool = executable(dir.resolve("bin"), "tool");
    Programs programs =
        new Programs(List.of(dir + "/bin/../bin/tool"), dir.resolve("bin").toString());

    assertThat(programs.resolve("tool")).isEqualTo(tool);
    assertThat(programs.resolve(dir + "/./bin/tool")).isEqualTo(tool);
  }

  @Test
  void bareAllowListEntryDoesNotAllowAnotherFileOfTheSameName() throws IOException {
    Path elsewhere = executable(dir.resolve("elsewhere"), "tool");
    executable(dir.resolve("bin"), "tool");
    Programs programs = new Programs(List.of("tool"), dir.resolve("bin").toString());

    assertThatThrownBy(() -> programs.resolve(elsewhere.toString()))
        .hasMessage(
            "program '" + elsewhere + "' is not in x0tta6bl4.executor.command.allowed-programs");
  }

  @Test
  void allowListIsCheckedBeforeTheProgramIsLookedUp() {
    Programs programs = new Programs(List.of("echo"), "/usr/bin");

    assertThatThrownBy(() -> programs.resolve("x0tta6bl4-no-such-tool"))
        .hasMessage(
            "program 'x0tta6bl4-no-such-tool' is not in x0tta6bl4.executor.command.allowed-programs");
  }
}
