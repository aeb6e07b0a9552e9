package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spiffe.spiffeid.TrustDomain;
import io.x0tta6bl4.testsupport.MutableClock;
import io.x0tta6bl4.testsupport.TestCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SVID files as spiffe-helper writes them: read at start, reloaded when they change. */
class PemFileX509SourceTest {

  private static final TestCa CA = TestCa.create("example.org");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private SecurityProperties.SvidFiles files;
  private Instant written = Instant.parse("2026-11-24T09:00:00Z");

  @BeforeEach
  void writeFirstSvid() throws IOException {
    files =
        new SecurityProperties.SvidFiles(
            dir.resolve("svid.pem"),
            dir.resolve("svid_key.pem"),
            dir.resolve("svid_bundle.pem"),
            Duration.ofSeconds(5));
    write(CA.issue("/ns/x0tta6bl4/sa/one"));
    CA.writeBundle(files.bundle());
  }

  @Test
  void readsTheSvidAndTheBundleOfItsTrustDomain() throws Exception {
    PemFileX509Source source = new PemFileX509Source(files, clock);

    assertThat(source.getX509Svid().getSpiffeId().toString())
        .isEqualTo("spiffe://example.org/ns/x0tta6bl4/sa/one");
    assertThat(
            source.getBundleForTrustDomain(TrustDomain.parse("example.org")).getX509Authorities())
        .contains(CA.certificate());
    assertThatThrownBy(() -> source.getBundleForTrustDomain(TrustDomain.parse("evil.example")))
        .hasMessageContaining("evil.example");
  }

  @Test
  void aRewrittenSvidIsUsedAfterTheReloadInterval() throws Exception {
    PemFileX509Source source = new PemFileX509Source(files, clock);
    write(CA.issue("/ns/x0tta6bl4/sa/two"));

    assertThat(source.getX509Svid().getSpiffeId().getPath()).isEqualTo("/ns/x0tta6bl4/sa/one");
    clock.advance(Duration.ofSeconds(5));
    assertThat(source.getX509Svid().getSpiffeId().getPath()).isEqualTo("/ns/x0tta6bl4/sa/two");
  }

  @Test
  void halfWrittenFilesKeepTheLastGoodSvid() throws Exception {
    PemFileX509Source source = new PemFileX509Source(files, clock);
    Files.writeString(files.certificate(), "-----BEGIN CERTIFICATE-----\ntruncat");
    touch(files.certificate());
    clock.advance(Duration.ofSeconds(5));

    assertThat(source.getX509Svid().getSpiffeId().getPath()).isEqualTo("/ns/x0tta6bl4/sa/one");

    write(CA.issue("/ns/x0tta6bl4/sa/three"));
    clock.advance(Duration.ofSeconds(5));
    assertThat(source.getX509Svid().getSpiffeId().getPath()).isEqualTo("/ns/x0tta6bl4/sa/three");
  }

  @Test
  void unreadableFilesAtStartupNameTheKeyAndFiles() throws IOException {
    Files.delete(files.privateKey());

    assertThatThrownBy(() -> new PemFileX509Source(files, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("x0tta6bl4.security.spiffe.files")
        .hasMessageContaining("svid_key.pem");
  }

  private void write(TestCa.Svid svid) throws IOException {
    svid.writePem(files.certificate(), files.privateKey());
    touch(files.certificate());
    touch(files.privateKey());
  }

  /** File times move forward explicitly: two writes within a file system tick look unchanged. */
  private void touch(Path file) throws IOException {
    written = written.plusSeconds(1);
    Files.setLastModifiedTime(file, FileTime.from(written));
  }
}
