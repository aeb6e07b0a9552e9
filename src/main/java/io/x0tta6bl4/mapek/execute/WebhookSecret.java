package io.x0tta6bl4.mapek.execute;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key webhooks are signed with ({@code x0tta6bl4.executor.webhook.secret}). It is a type of its
 * own rather than a {@code String} record component because records print every component in {@code
 * toString()}: this one prints {@code ****}, and the key never leaves the class except as a
 * signature.
 */
public final class WebhookSecret {

  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * The secret with the UTF-8 bytes of {@code value} as the HMAC key. Spring's conversion service
   * calls this to bind the configured string.
   */
  public static WebhookSecret of(String value) {
    Objects.requireNonNull(value, "value");
    return new WebhookSecret(value.getBytes(StandardCharsets.UTF_8));
  }

  /** An empty value stands for "no secret", the way {@code ${VAR:}} binds an unset variable. */
  boolean isEmpty() {
    return key.length == 0;
  }

  /**
   * {@code sha256=<lower-case hex HMAC-SHA256>} of {@code <timestamp>.<body>}: the decimal epoch
   * seconds, a full stop, then the exact body bytes.
   */
  public String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // every Java platform must provide HmacSHA256
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "****";
  }
}
