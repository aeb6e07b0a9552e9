#!/usr/bin/env bash
# Quality gate, run by CI (.ci/run): the full test suite (unit, slice, end-to-end, PostgreSQL, fuzz),
# the format check, the architecture rules and the coverage floor (./mvnw -B verify), a coverage
# summary, shellcheck on every script, and the operations checks in scripts/qa/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  cat <<'USAGE'
usage: scripts/qa.sh

Runs, in order, and stops at the first failure:
  ./mvnw -B verify      tests, Spotless format check, ArchUnit rules, JaCoCo coverage floor
                        (coverage.lines / coverage.branches in pom.xml); report in
                        target/site/jacoco/index.html
  shellcheck            every script (installed with apt-get when run as root, else skipped)
  scripts/qa/*.sh       compose, Dockerfile, promtool, a live Prometheus scrape, Kubernetes and
                        Helm checks; each installs what it needs as root or says how

Needs a JDK 17. The Debian and npm packages the later checks use are installed when run as root
(CI); elsewhere a check that lacks its tool says which package to install and is skipped.
USAGE
  exit 0
fi

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

if ! command -v shellcheck >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "shellcheck: installing (apt-get install -y shellcheck)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null 2>&1; } \
    || echo "shellcheck: could not install it"
fi
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck scripts/*.sh scripts/qa/*.sh .ci/run
  echo "shellcheck: scripts clean"
else
  echo "shellcheck: not installed, skipped (apt-get install -y shellcheck)"
fi
bash scripts/qa/ops.sh
bash scripts/qa/k8s.sh
