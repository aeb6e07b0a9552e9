package io.x0tta6bl4.mapek;

import java.util.regex.Pattern;

/** The syntax of the SPIFFE IDs a peer's certificate must carry. */
public final class SpiffeIds {

  /** A lower-case trust domain and one or more path segments, none empty, "." or "..". */
  private static final Pattern ID =
      Pattern.compile("spiffe://[a-z0-9._-]+(/(?!\\.{1,2}(/|$))[A-Za-z0-9._-]+)+");

  private static final int MAX_LENGTH = 2048;

  private SpiffeIds() {}

  /** Whether {@code id} is a SPIFFE ID with a path, like {@code spiffe://example.org/ns/web}. */
  public static boolean valid(String id) {
    return id.length() <= MAX_LENGTH && ID.matcher(id).matches();
  }
}
