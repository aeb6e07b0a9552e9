package io.x0tta6bl4.mapek.execute;

/** How a command's output appears in outcome messages and log lines. */
final class CommandOutput {

  /**
   * Longest outcome message: what the executor keeps of a failure's message, so a success and a
   * failure show the same amount of output.
   */
  static final int MAX_MESSAGE = HandlerExecutor.MAX_FAILURE_MESSAGE;

  private CommandOutput() {}

  /**
   * {@code <head>: <end of the output>} within {@link #MAX_MESSAGE} characters, or {@code head}
   * alone when there was no output. The end is kept, as that is where errors are; a leading
   * ellipsis marks output left out.
   */
  static String message(String head, OutputTail tail) {
    String text = oneLine(tail.text());
    if (text.isEmpty()) {
      return head;
    }
    int room = MAX_MESSAGE - head.length() - 2;
    if (tail.truncated() || text.length() > room) {
      text = "…" + text.substring(text.length() - Math.min(text.length(), room - 1));
    }
    return head + ": " + text;
  }

  /**
   * The output on one line: whitespace runs become one space and other control characters (NUL,
   * escape sequences) a replacement character, so output can neither forge log lines nor break a
   * database text column.
   */
  static String oneLine(String output) {
    StringBuilder line = new StringBuilder(output.length());
    boolean space = false;
    for (int i = 0; i < output.length(); i++) {
      char c = output.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = true;
        continue;
      }
      if (space && line.length() > 0) {
        line.append(' ');
      }
      space = false;
      line.append(Character.isISOControl(c) ? '\uFFFD' : c);
    }
    return line.toString();
  }
}
