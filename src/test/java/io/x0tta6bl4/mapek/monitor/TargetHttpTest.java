package io.x0tta6bl4.mapek.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The short reasons a failed exchange is reported with. */
class TargetHttpTest {

  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  private static ConnectException connect(String message, Throwable cause) {
    ConnectException e = new ConnectException(message);
    e.initCause(cause);
    return e;
  }

  @Test
  void timeoutsOfEveryKindReadTheSame() {
    assertThat(TargetHttp.reason(new HttpTimeoutException("request timed out"), TWO_SECONDS))
        .isEqualTo("timed out after 2s");
    assertThat(TargetHttp.reason(new HttpConnectTimeoutException("x"), Duration.ofMillis(1500)))
        .isEqualTo("timed out after 1500ms");
  }

  @Test
  void connectionFailuresSayWhatIsKnown() {
    assertThat(TargetHttp.reason(connect(null, new ClosedChannelException()), TWO_SECONDS))
        .isEqualTo("connection refused or host unreachable");
    assertThat(TargetHttp.reason(connect("Connection refused", null), TWO_SECONDS))
        .isEqualTo("connection refused");
    assertThat(TargetHttp.reason(connect(null, new UnresolvedAddressException()), TWO_SECONDS))
        .isEqualTo("could not connect: unknown host");
    assertThat(TargetHttp.reason(connect("No route to host", null), TWO_SECONDS))
        .isEqualTo("could not connect: No route to host");
  }

  @Test
  void otherFailuresNameTheirTypeAndABoundedMessage() {
    assertThat(TargetHttp.reason(new IOException("Connection reset"), TWO_SECONDS))
        .isEqualTo("IOException: Connection reset");
    assertThat(TargetHttp.reason(new IOException(), TWO_SECONDS)).isEqualTo("IOException");
    assertThat(TargetHttp.reason(new IOException("x".repeat(1000)), TWO_SECONDS)).hasSize(200);
  }

  @Test
  void theBodyLimitMustBePositive() {
    assertThatThrownBy(() -> new TargetHttp(HttpClient.newHttpClient(), 0))
        .hasMessage("maxBodyBytes must be positive, but was 0");
  }
}
