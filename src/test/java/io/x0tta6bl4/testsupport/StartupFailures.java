package io.x0tta6bl4.testsupport;

/** What a failed startup says, all causes included: the key it names may sit on any of them. */
public final class StartupFailures {

  private StartupFailures() {}

  /** The messages of {@code failure} and of every cause, one per line. */
  public static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
