package io.x0tta6bl4.mapek.execute;

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
    if (!isHttp(url)) {
      return String.valueOf(url);
    }
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?…";
    return url.getScheme() + "://" + url.getHost() + port + path + query;
  }
}
