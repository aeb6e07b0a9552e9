#!/usr/bin/env bash
# Runs the JMH benchmarks (src/test/java/io/x0tta6bl4/bench). Arguments go to JMH, e.g.
#   ./scripts/bench.sh                          all benchmarks (about 4 minutes)
#   ./scripts/bench.sh SelfCycleBenchmark       one class
#   ./scripts/bench.sh -f 3 -i 10 Fleet         more forks and iterations
# Results print as JMH tables; SampleTime mode reports the median as p0.50.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.openjdk.jmh.Main "$@"
