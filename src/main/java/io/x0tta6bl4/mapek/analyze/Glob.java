package io.x0tta6bl4.mapek.analyze;

import java.util.Objects;

/**
 * A shell-style pattern on a series name: {@code *} matches any run of characters (also none),
 * {@code ?} exactly one; everything else matches itself. Matched without regular expressions.
 */
record Glob(String pattern) {

  Glob {
    Objects.requireNonNull(pattern, "pattern");
  }

  boolean matches(String text) {
    int p = 0;
    int t = 0;
    int starAt = -1;
    int resumeAt = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starAt = p++;
        resumeAt = t;
      } else if (starAt >= 0) {
        // let the last star swallow one more character and retry from there
        p = starAt + 1;
        t = ++resumeAt;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
