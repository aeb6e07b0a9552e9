package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.TraceNames;
import java.net.URI;
import java.util.Locale;

/** Which webhook URLs are accepted, and how one is shown in messages and logs. */
final class WebhookUrls {

  private WebhookUrls() {}

  /** True for an absolute {@code http} or {@code https} URL with a host. */
  static boolean isHttp(URI url) {
    if (url == null || !url.isAbsolute() || url.getHost() == null) {
      return false;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }

  /**
   * The URL without user info, query and fragment: those are where tokens usually travel, and
   * outcome messages are stored and shown through the API.
   */
  static String display(URI url) {
    return isHttp(url) ? TraceNames.safeUrl(url) : String.valueOf(url);
  }
}
