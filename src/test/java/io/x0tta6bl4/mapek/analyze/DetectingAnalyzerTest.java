package io.x0tta6bl4.mapek.analyze;

import static io.x0tta6bl4.mapek.analyze.Samples.at;
import static io.x0tta6bl4.mapek.analyze.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectingAnalyzerTest {

  private static Anomaly anomaly(String symptom) {
    Evidence evidence = new Evidence("test", "s", 1, 0, 0, at(0), List.of(), "because");
    return new Anomaly("t", symptom, Severity.INFO, 0.5, evidence);
  }

  @Test
  void runsEveryDetectorInOrderOnTheSameSnapshotAndReturnsAllAnomalies() {
    List<String> calls = new ArrayList<>();
    Detector first =
        s -> {
          calls.add("first@" + s.cycleId());
          return List.of(anomaly("a"), anomaly("b"));
        };
    Detector quiet =
        s -> {
          calls.add("quiet@" + s.cycleId());
          return List.of();
        };
    Detector last =
        s -> {
          calls.add("last@" + s.cycleId());
          return List.of(anomaly("c"));
        };
    DetectingAnalyzer analyzer = new DetectingAnalyzer(List.of(first, quiet, last));

    List<Anomaly> found = analyzer.analyze(snapshot(7));

    assertThat(found).extracting(Anomaly::symptom).containsExactly("a", "b", "c");
    assertThat(calls).containsExactly("first@7", "quiet@7", "last@7");
  }

  @Test
  void returnsAnEmptyListWhenNoDetectorFindsAnything() {
    DetectingAnalyzer analyzer = new DetectingAnalyzer(List.of(s -> List.of(), s -> List.of()));

    assertThat(analyzer.analyze(Snapshot.empty(1, at(1)))).isEmpty();
    assertThat(new DetectingAnalyzer(List.of()).analyze(Snapshot.empty(2, at(2)))).isEmpty();
  }
}
