package io.x0tta6bl4.mapek.monitor.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a body into lines at line feeds, never holding more than one line: a line longer than the
 * limit fails as soon as the limit is passed, and a line that is not UTF-8 fails too.
 */
final class LineReader {

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[16 * 1024];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int length;
  private boolean ascii;
  private int number;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Number of the line {@link #next()} returned last; 0 before the first. */
  int number() {
    return number;
  }

  /** The next line without its line feed and carriage return, or null at the end of the body. */
  String next() throws IOException, ScrapeException {
    length = 0;
    ascii = true;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = Math.max(0, in.read(buffer));
        position = 0;
        if (limit == 0) {
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position);
      if (position < limit) {
        position++;
        break;
      }
    }
    number++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return decode();
  }

  private void append(int start, int end) throws ScrapeException {
    int count = end - start;
    if (length + count > maxLineBytes) {
      throw new ScrapeException(number + 1, "longer than " + maxLineBytes + " bytes");
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
    }
    for (int i = start; i < end; i++) {
      ascii &= buffer[i] >= 0;
    }
    System.arraycopy(buffer, start, line, length, count);
    length += count;
  }

  private String decode() throws ScrapeException {
    if (ascii) {
      // ASCII is a subset of both, and Latin-1 decoding is a plain copy
      return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new ScrapeException(number, "is not valid UTF-8");
    }
  }
}
