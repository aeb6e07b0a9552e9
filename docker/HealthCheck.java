import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The image's HEALTHCHECK: the JRE image has neither curl nor wget, and installing them only for a
 * probe would add a package manager's worth of attack surface. Exits 0 when GET
 * http://127.0.0.1:$MANAGEMENT_PORT/<path> answers 200, 1 otherwise. The management port stays plain
 * HTTP even when the API port requires client certificates, so the probe needs no TLS material.
 */
public final class HealthCheck {

  public static void main(String[] args) {
    String path = args.length > 0 ? args[0] : "/health/liveness";
    String port = System.getenv().getOrDefault("MANAGEMENT_PORT", "9090");
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(3000);
      int status = connection.getResponseCode();
      System.out.println(path + " " + status);
      System.exit(status == 200 ? 0 : 1);
    } catch (Exception e) {
      System.out.println(path + " unreachable: " + e);
      System.exit(1);
    }
  }
}
