#!/usr/bin/env bash
# Time to detect and recover, measured on real processes: the controller jar with a 1 s loop against
# the demo service, each fault (crash, hang, errors, latency) injected RUNS times (5), medians printed.
#   ./scripts/fault-bench.sh [RUNS]        # ports as in demo.sh: API_PORT, MANAGEMENT_PORT, DEMO_PORT
# See scripts/demo.sh (its bench mode) for what each figure spans.
set -euo pipefail
exec "$(dirname "$0")/demo.sh" bench "${1:-5}"
