#!/usr/bin/env bash
# Quality gate: the full test suite (unit, slice, end-to-end, PostgreSQL), the format check, the
# architecture rules, and a coverage report (target/site/jacoco/index.html) summarised here.
# Then the offline Kubernetes and Helm checks (scripts/qa/k8s.sh), and a lint of the shell scripts
# when the linter is installed (apt-get install -y shellcheck).
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B verify

csv=target/site/jacoco/jacoco.csv
if [ -f "$csv" ]; then
  awk -F, 'NR > 1 { missed += $8; covered += $9; bmissed += $6; bcovered += $7 }
    END {
      printf "coverage: lines %.1f%% (%d of %d), branches %.1f%% (%d of %d)\n",
        100 * covered / (missed + covered), covered, missed + covered,
        100 * bcovered / (bmissed + bcovered), bcovered, bmissed + bcovered
    }' "$csv"
  echo "report: target/site/jacoco/index.html"
fi

bash scripts/qa/k8s.sh

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck scripts/*.sh scripts/qa/*.sh .ci/run
  echo "shellcheck: scripts clean"
else
  echo "shellcheck: not installed, skipped (apt-get install -y shellcheck)"
fi
