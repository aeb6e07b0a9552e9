package io.x0tta6bl4.mapek.monitor.scrape;

/**
 * A position in one line of an exposition and the tokens of its grammar: blanks (spaces and tabs),
 * metric and label names, quoted label values, plain tokens. Failures name the line and show what
 * was found there, bounded and printable.
 */
final class Cursor {

  private static final int MAX_SHOWN = 32;

  private String line;
  private int position;
  private int number;

  void reset(String text, int lineNumber) {
    line = text;
    position = 0;
    number = lineNumber;
  }

  boolean atEnd() {
    return position >= line.length();
  }

  /** The next character, or a line feed at the end (which no token contains). */
  char peek() {
    return atEnd() ? '\n' : line.charAt(position);
  }

  void skip() {
    position++;
  }

  /** The rest of the line without surrounding blanks. */
  String remaining() {
    return line.substring(position).strip();
  }

  /** Skips spaces and tabs; true when there was at least one. */
  boolean skipBlanks() {
    int from = position;
    while (!atEnd() && isBlank(peek())) {
      position++;
    }
    return position > from;
  }

  void requireBlank(String where) throws ScrapeException {
    if (!skipBlanks()) {
      throw error("expected a space " + where + ", found " + found());
    }
  }

  void expect(char c, String message) throws ScrapeException {
    if (peek() != c) {
      throw error(message + found());
    }
    position++;
  }

  /** Letters only, e.g. the keyword of a comment. */
  String word() {
    int from = position;
    while (!atEnd() && isLetter(peek())) {
      position++;
    }
    return line.substring(from, position);
  }

  /** Everything up to the next blank. */
  String token() {
    int from = position;
    while (!atEnd() && !isBlank(peek())) {
      position++;
    }
    return line.substring(from, position);
  }

  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} */
  String metricName(String where) throws ScrapeException {
    if (atEnd() || !isNameStart(peek())) {
      throw error("expected a metric name" + where + ", found " + found());
    }
    int from = position++;
    while (!atEnd() && (isNameStart(peek()) || isDigit(peek()))) {
      position++;
    }
    return line.substring(from, position);
  }

  /** {@code [a-zA-Z_][a-zA-Z0-9_]*} */
  String labelName(String metric) throws ScrapeException {
    if (atEnd() || !(isLetter(peek()) || peek() == '_')) {
      throw error("expected a label name in the labels of '" + metric + "', found " + found());
    }
    int from = position++;
    while (!atEnd() && (isLetter(peek()) || peek() == '_' || isDigit(peek()))) {
      position++;
    }
    return line.substring(from, position);
  }

  /** A label value after its opening quote; resolves {@code \\}, {@code \"} and {@code \n}. */
  String quoted(String label) throws ScrapeException {
    StringBuilder value = null;
    int from = position;
    while (!atEnd()) {
      char c = peek();
      if (c == '"') {
        String text =
            value == null
                ? line.substring(from, position)
                : value.append(line, from, position).toString();
        position++;
        return text;
      }
      if (c == '\\' && position + 1 < line.length()) {
        value = value == null ? new StringBuilder() : value;
        value.append(line, from, position).append(unescape(line.charAt(position + 1)));
        position += 2;
        from = position;
      } else {
        position++;
      }
    }
    throw error("value of label '" + label + "' is not terminated");
  }

  /** Like Prometheus, an unknown escape is kept as written. */
  private static String unescape(char escaped) {
    return switch (escaped) {
      case 'n' -> "\n";
      case '\\' -> "\\";
      case '"' -> "\"";
      default -> "\\" + escaped;
    };
  }

  /** What is at the position, for a failure's message. */
  String found() {
    return atEnd() ? "the end of the line" : quote(line.substring(position));
  }

  ScrapeException error(String problem) {
    return new ScrapeException(number, problem);
  }

  /** A bounded, printable excerpt, so garbage cannot flood a reason. */
  static String quote(String text) {
    StringBuilder shown = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < MAX_SHOWN; i++) {
      char c = text.charAt(i);
      shown.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return shown.append(text.length() > MAX_SHOWN ? "…'" : "'").toString();
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(char c) {
    return isLetter(c) || c == '_' || c == ':';
  }
}
