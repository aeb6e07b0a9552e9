package io.x0tta6bl4.mapek.execute;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains a process's output on a thread of its own, keeping only its last {@code max} characters: a
 * process that writes more than a pipe holds never blocks, and memory stays bounded however much it
 * writes. The output is decoded as UTF-8, malformed bytes replaced.
 */
final class OutputTail implements Runnable {

  private final InputStream output;
  private final int max;
  private final StringBuilder kept = new StringBuilder();
  private final Thread reader;
  private long total;

  private OutputTail(InputStream output, int max, String threadName) {
    this.output = output;
    this.max = max;
    this.reader = new Thread(this, threadName);
    reader.setDaemon(true);
  }

  /** Starts draining {@code output} on a daemon thread named {@code threadName}. */
  static OutputTail start(InputStream output, int max, String threadName) {
    OutputTail tail = new OutputTail(output, max, threadName);
    tail.reader.start();
    return tail;
  }

  @Override
  public void run() {
    char[] buffer = new char[8192];
    try (Reader in = new InputStreamReader(output, StandardCharsets.UTF_8)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        append(buffer, n);
      }
    } catch (IOException e) {
      // the stream was closed under us: the tail so far is all there is
    }
  }

  private synchronized void append(char[] chars, int count) {
    total += count;
    int from = Math.max(0, count - max);
    kept.append(chars, from, count - from);
    // trim in batches so that a chatty process does not cost a copy per read
    if (kept.length() > 2 * max + 8192) {
      kept.delete(0, kept.length() - max);
    }
  }

  /**
   * Waits at most {@code wait} for the end of the output. It ends when every process holding the
   * pipe has exited, so a background child that kept it open makes this return false.
   */
  boolean awaitEnd(Duration wait) throws InterruptedException {
    reader.join(Math.max(1, wait.toMillis()));
    return !reader.isAlive();
  }

  /** The last {@code max} characters read so far. */
  synchronized String text() {
    return kept.length() <= max ? kept.toString() : kept.substring(kept.length() - max);
  }

  /** True when more was written than {@link #text()} holds. */
  synchronized boolean truncated() {
    return total > max;
  }
}
