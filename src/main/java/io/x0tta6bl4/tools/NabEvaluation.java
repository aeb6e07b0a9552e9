package io.x0tta6bl4.tools;

import io.x0tta6bl4.mapek.analyze.stream.StreamModel;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the streaming detector over a corpus in the layout of the Numenta Anomaly Benchmark ({@code
 * data/<category>/<name>.csv}, columns {@code timestamp,value}) and writes one result file per data
 * file, {@code <out>/<category>/<name>.csv} with columns {@code timestamp,value,anomaly_score}.
 * Every file gets a fresh model with the default settings, fed row by row in file order, so the
 * score of a row depends on that row and the rows before it only.
 *
 * <p>Usage: {@code NabEvaluation CORPUS_DIR OUT_DIR}. Prints files, rows and elapsed time.
 */
public final class NabEvaluation {

  private NabEvaluation() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: NabEvaluation CORPUS_DIR OUT_DIR");
      System.exit(2);
    }
    Path data = Path.of(args[0]).resolve("data");
    Path out = Path.of(args[1]);
    if (!Files.isDirectory(data)) {
      System.err.println("no data/ folder in " + args[0]);
      System.exit(2);
    }
    StreamSettings settings = StreamSettings.defaults();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data)) {
      files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    long start = System.nanoTime();
    long rows = 0;
    for (Path file : files) {
      Path target = out.resolve(data.relativize(file));
      Files.createDirectories(target.getParent());
      rows += score(file, target, settings);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "%d files, %d rows scored in %d ms into %s%n", files.size(), rows, millis, out);
  }

  /** Scores one data file into one result file; returns the number of rows. */
  static long score(Path input, Path output, StreamSettings settings) throws IOException {
    StreamModel model = new StreamModel(settings);
    long rows = 0;
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new UncheckedIOException(new IOException("empty file " + input));
      }
      writer.write("timestamp,value,anomaly_score\n");
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        String timestamp = line.substring(0, comma);
        String raw = line.substring(comma + 1).trim();
        double value = Double.parseDouble(raw);
        double score = Double.isFinite(value) ? model.score(value) : 0;
        writer.write(timestamp);
        writer.write(',');
        writer.write(raw);
        writer.write(',');
        writer.write(Double.toString(score));
        writer.write('\n');
        rows++;
      }
    }
    return rows;
  }
}
