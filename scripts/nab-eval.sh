#!/usr/bin/env bash
# Runs the streaming anomaly detector over a corpus in the Numenta Anomaly Benchmark layout
# (CORPUS_DIR/data/<category>/<name>.csv) and writes one result CSV per data file
# (timestamp,value,anomaly_score) into OUT_DIR (default target/nab-results).
#   ./scripts/nab-eval.sh ../shared/nab
#   ./scripts/nab-eval.sh ../shared/nab /tmp/nab-results
# When a scorer is found (NAB_SCORER, or CORPUS_DIR/nab_score.py) and python3 is installed, it
# scores the results at the best threshold and at the production threshold (the default
# x0tta6bl4.analyzer.adaptive.streaming.threshold, 0.5; override with NAB_THRESHOLD).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
  echo "usage: $0 CORPUS_DIR [OUT_DIR]" >&2
  exit 2
fi
corpus=$1
out=${2:-target/nab-results}
./mvnw -B -q compile
rm -rf "$out"
java -cp target/classes io.x0tta6bl4.tools.NabEvaluation "$corpus" "$out"
scorer=${NAB_SCORER:-$corpus/nab_score.py}
if [[ ! -f $scorer ]] || ! command -v python3 >/dev/null; then
  echo "no scorer at $scorer (or no python3): results written, not scored"
  exit 0
fi
echo "== best threshold (chosen with the labels, as on the NAB scoreboard)"
python3 "$scorer" --results "$out" --nab "$corpus"
echo "== production threshold ${NAB_THRESHOLD:-0.5}"
python3 "$scorer" --results "$out" --nab "$corpus" --threshold "${NAB_THRESHOLD:-0.5}"
