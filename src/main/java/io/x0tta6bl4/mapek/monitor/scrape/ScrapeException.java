package io.x0tta6bl4.mapek.monitor.scrape;

import io.x0tta6bl4.mapek.monitor.TargetDownException;

/**
 * A body that is not a valid exposition. The message names the line and what was wrong with it,
 * e.g. "line 3: value of label 'path' is not terminated"; the target is reported down with it.
 */
public final class ScrapeException extends TargetDownException {

  private static final long serialVersionUID = 1L;

  private final int line;

  public ScrapeException(int line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
  }

  /** The 1-based number of the offending line. */
  public int line() {
    return line;
  }
}
