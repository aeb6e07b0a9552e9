#!/usr/bin/env bash
# The self-healing demo, in about half a minute: starts the controller from the jar (1 s loop,
# Knowledge in a temporary directory) and the demo service (io.x0tta6bl4.demo.DemoTarget), declares
# the service as a target through the API with a restart policy, kills it with kill -9, and prints
# the timeline from the API: detected, restarted, verified up again, with time to detect and recover.
#
#   ./scripts/demo.sh                       # ports 8000 (API), 9090 (metrics), 8081 (demo service)
#   API_PORT=8001 MANAGEMENT_PORT=9091 DEMO_PORT=8082 ./scripts/demo.sh
#   KEEP=1 ./scripts/demo.sh                # leave both running afterwards, until Ctrl-C
#   ./scripts/demo.sh bench [RUNS]          # time to detect and recover per fault (crash, hang,
#                                           # errors, latency), RUNS times each (5), medians
#
# Needs a JDK 17+, curl and jq. Builds the jar first if target/ has none. Every process it starts is
# stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

API_PORT="${API_PORT:-8000}"
MANAGEMENT_PORT="${MANAGEMENT_PORT:-9090}"
DEMO_PORT="${DEMO_PORT:-8081}"
API="http://127.0.0.1:${API_PORT}/api/v1"
LAUNCHER=org.springframework.boot.loader.launch.PropertiesLauncher
DEMO_MAIN=io.x0tta6bl4.demo.DemoTarget

die() {
  echo "demo: $*" >&2
  exit 1
}

for tool in java curl jq; do
  command -v "$tool" >/dev/null 2>&1 || die "needs $tool on PATH (curl and jq: apt-get install -y curl jq)"
done

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

for port in "$API_PORT" "$MANAGEMENT_PORT" "$DEMO_PORT"; do
  if port_in_use "$port"; then
    die "port $port is in use; choose others, e.g. API_PORT=8001 MANAGEMENT_PORT=9091 DEMO_PORT=8082 $0"
  fi
done

jar_path() {
  find target -maxdepth 1 -name 'x0tta6bl4-*.jar' ! -name '*-plain.jar' 2>/dev/null | head -n 1
}

JAR="$(jar_path)"
if [ -z "$JAR" ]; then
  echo "Building the jar (./mvnw -B -q -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
  JAR="$(jar_path)"
  [ -n "$JAR" ] || die "no jar in target/ after the build"
fi
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
JAVA="$(command -v java)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/x0tta6bl4-demo.XXXXXX")"
PIDFILE="$WORK/demo.pid"
DEMO_LOG="$WORK/demo.log"
CONTROLLER_LOG="$WORK/controller.log"
CONTROLLER_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # the controller first, so that it does not restart the demo service while it is being stopped
  if [ -n "$CONTROLLER_PID" ] && kill -0 "$CONTROLLER_PID" 2>/dev/null; then
    kill "$CONTROLLER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$CONTROLLER_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$CONTROLLER_PID" 2>/dev/null || true
  fi
  if [ -f "$PIDFILE" ]; then
    kill -9 "$(cat "$PIDFILE")" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ]; then
    echo "demo: failed; logs kept in $WORK (controller.log, demo.log)" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the restart the controller runs: java from the jar, through Boot's launcher, `start` (no shell)
RESTART_ARGV=("$JAVA" -cp "$JAR" "-Dloader.main=$DEMO_MAIN" "$LAUNCHER" start "$DEMO_PORT" "$PIDFILE" "$DEMO_LOG")

start_controller() {
  local cooldown="$1" budget="$2" policy="x0tta6bl4.planner.policies[0]"
  local args=(
    "--server.port=$API_PORT"
    "--management.server.port=$MANAGEMENT_PORT"
    "--x0tta6bl4.loop.interval=1s"
    "--x0tta6bl4.planner.budget=$budget"
    "--$policy.name=restart-demo"
    "--$policy.symptom=target_down"
    "--$policy.target=demo"
    "--$policy.steps[0].action=command"
    "--$policy.steps[0].cooldown=$cooldown"
  )
  local i
  for i in "${!RESTART_ARGV[@]}"; do
    args+=("--$policy.steps[0].params.argv[$i]=${RESTART_ARGV[$i]}")
  done
  # run in the work directory: Knowledge goes to $WORK/data, and no ./.env of the checkout applies
  (cd "$WORK" && DATA_DIR="$WORK/data" exec "$JAVA" -jar "$JAR" "${args[@]}" >"$CONTROLLER_LOG" 2>&1) &
  CONTROLLER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$CONTROLLER_PID" 2>/dev/null || die "the controller exited; see $CONTROLLER_LOG"
    sleep 0.5
  done
  die "the controller did not answer within 60 s; see $CONTROLLER_LOG"
}

declare_target() {
  curl -sf -X POST "$API/targets" -H 'Content-Type: application/json' -d "{
    \"id\": \"demo\", \"kind\": \"http\", \"url\": \"http://127.0.0.1:$DEMO_PORT/health\",
    \"timeout\": \"500ms\", \"jsonPointer\": \"/status\", \"expectedJsonValue\": \"UP\"}" >/dev/null ||
    die "could not declare the target through $API/targets"
}

start_demo() {
  "${RESTART_ARGV[@]}" || die "the demo service did not start; see $DEMO_LOG"
}

# waits until the newest cycle saw the target up (at most about 30 s)
wait_until_up() {
  for _ in $(seq 1 150); do
    [ "$(curl -sf "$API/targets/demo" | jq -r '.up')" = true ] && return 0
    sleep 0.2
  done
  die "the controller does not see the demo service up; see $CONTROLLER_LOG and $DEMO_LOG"
}

now() { date -u +%s.%N; }
epoch() { date -u -d "$1" +%s.%N; }
clock() { date -u -d "@$1" +%H:%M:%S.%3N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
last_cycle() { curl -sf "$API/loop" | jq -r '.lastCycleId // 0'; }

inject() {
  case "$1" in
    crash) kill -9 "$(cat "$PIDFILE")" ;;
    hang | errors) curl -sf -X POST "http://127.0.0.1:$DEMO_PORT/fault/$1" >/dev/null ;;
    latency) curl -sf -X POST "http://127.0.0.1:$DEMO_PORT/fault/latency?ms=2000" >/dev/null ;;
    *) die "unknown fault $1" ;;
  esac
}

# After a fault injected at FAULT_AT while the newest cycle was AFTER_CYCLE, waits for the first
# anomaly of the target, its action's outcome and the first later cycle that saw it up. Sets
# DETECTED (anomaly JSON), ACTION (action JSON), RECOVERED (cycle summary JSON).
follow() {
  local after="$1" deadline=$((SECONDS + 60))
  DETECTED="" ACTION="" RECOVERED=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ -n "$DETECTED" ] || DETECTED="$(curl -sf "$API/anomalies?target=demo&size=100" |
      jq -c --argjson after "$after" '[.items[] | select(.cycleId > $after)] | min_by(.cycleId) // empty')"
    if [ -n "$DETECTED" ] && [ -z "$ACTION" ]; then
      ACTION="$(curl -sf "$API/actions?size=100" | jq -c --argjson after "$after" \
        '[.items[] | select(.cycleId > $after and .action.target == "demo")] | min_by(.cycleId) // empty')"
    fi
    if [ -n "$ACTION" ]; then
      RECOVERED="$(curl -sf "$API/cycles?size=100" | jq -c --argjson acted "$(jq '.cycleId' <<<"$ACTION")" \
        '[.items[] | select(.id > $acted and .targetsDown == 0)] | min_by(.id) // empty')"
      [ -z "$RECOVERED" ] || return 0
    fi
    sleep 0.2
  done
  die "no detection, action and recovery within 60 s; see $CONTROLLER_LOG"
}

# Prints the timeline of one fault and sets TTD, TTA and TTR (seconds from the fault).
timeline() {
  local fault_at="$1" what="$2" detected_at acted_at recovered_at
  detected_at="$(epoch "$(jq -r '.observedAt' <<<"$DETECTED")")"
  acted_at="$(epoch "$(jq -r '.outcome.startedAt' <<<"$ACTION")")"
  recovered_at="$(epoch "$(jq -r '.startedAt' <<<"$RECOVERED")")"
  TTD="$(seconds "$fault_at" "$detected_at")"
  TTA="$(seconds "$fault_at" "$acted_at")"
  TTR="$(seconds "$fault_at" "$recovered_at")"
  [ -n "$what" ] || return 0
  printf '  %s  fault:     %s\n' "$(clock "$fault_at")" "$what"
  printf '  %s  detected:  %s on %s in cycle %s: %s\n' "$(clock "$detected_at")" \
    "$(jq -r '.anomaly.symptom' <<<"$DETECTED")" "$(jq -r '.anomaly.target' <<<"$DETECTED")" \
    "$(jq -r '.cycleId' <<<"$DETECTED")" "$(jq -r '.anomaly.evidence.reason' <<<"$DETECTED")"
  printf '  %s  action:    %s (policy %s) %s after %.2f s: %s\n' "$(clock "$acted_at")" \
    "$(jq -r '.action.kind' <<<"$ACTION")" "$(jq -r '.action.policy' <<<"$ACTION")" \
    "$(jq -r '.outcome.status' <<<"$ACTION")" "$(jq -r '.outcome.duration | ltrimstr("PT") | rtrimstr("S")' <<<"$ACTION")" \
    "$(jq -r '.outcome.message' <<<"$ACTION")"
  printf '  %s  recovered: demo up again in cycle %s (new pid %s)\n' "$(clock "$recovered_at")" \
    "$(jq -r '.id' <<<"$RECOVERED")" "$(cat "$PIDFILE")"
  echo
  echo "  time to detect:  $TTD s (fault to the start of the cycle that reported it)"
  echo "  time to recover: $TTR s (fault to the start of the first cycle that saw it up again)"
}

run_demo() {
  echo "Starting the controller from $(basename "$JAR") (API :$API_PORT, metrics :$MANAGEMENT_PORT, 1 s loop) ..."
  start_controller 5m 20
  echo "Starting the demo service on :$DEMO_PORT and declaring it as target 'demo' (restart policy: command) ..."
  # the service first: a target declared while it is still starting would be seen down and restarted
  start_demo
  declare_target
  wait_until_up
  local pid after fault_at
  pid="$(cat "$PIDFILE")"
  echo "The controller sees the demo service (pid $pid) up. Killing it with kill -9 ..."
  echo
  after="$(last_cycle)"
  fault_at="$(now)"
  inject crash
  follow "$after"
  timeline "$fault_at" "kill -9 $pid"
  echo
  echo "Explore: curl -s $API/cycles/$(jq -r '.cycleId' <<<"$ACTION") | jq"
  echo "         curl -s '$API/actions?size=5' | jq"
  if [ -n "${KEEP:-}" ]; then
    echo "KEEP is set: both keep running; break it again with"
    echo "  curl -X POST http://127.0.0.1:$DEMO_PORT/fault/errors    (or hang, latency?ms=2000, crash)"
    echo "Ctrl-C stops both."
    wait "$CONTROLLER_PID"
  fi
}

median() { sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

run_bench() {
  local runs="${1:-5}" cooldown=3 fault i after fault_at
  echo "Fault bench: the controller from $(basename "$JAR") with a 1 s loop, target-down after 2 failed probes,"
  echo "probe timeout 500 ms, restart by a command action (cooldown ${cooldown}s); $runs runs per fault."
  start_controller "${cooldown}s" 1000
  start_demo
  declare_target
  wait_until_up
  echo
  printf '%-8s %-4s %8s %8s %8s\n' fault run TTD/s act/s TTR/s
  local results="$WORK/results"
  : >"$results"
  for fault in crash hang errors latency; do
    for i in $(seq 1 "$runs"); do
      wait_until_up
      # past the cooldown of the previous restart, and a fault onset at a random point of a cycle
      sleep "$(awk -v c="$cooldown" -v r="$RANDOM" 'BEGIN { printf "%.3f", c + 1 + r / 32768 }')"
      after="$(last_cycle)"
      fault_at="$(now)"
      inject "$fault"
      follow "$after"
      timeline "$fault_at" ""
      printf '%-8s %-4s %8s %8s %8s\n' "$fault" "$i" "$TTD" "$TTA" "$TTR"
      echo "$fault $TTD $TTA $TTR" >>"$results"
    done
  done
  echo
  echo "Medians over $runs runs (seconds from the fault):"
  printf '%-8s %8s %8s %8s\n' fault TTD act TTR
  for fault in crash hang errors latency; do
    printf '%-8s %8s %8s %8s\n' "$fault" \
      "$(awk -v f="$fault" '$1 == f { print $2 }' "$results" | median)" \
      "$(awk -v f="$fault" '$1 == f { print $3 }' "$results" | median)" \
      "$(awk -v f="$fault" '$1 == f { print $4 }' "$results" | median)"
  done
}

case "${1:-demo}" in
  demo) run_demo ;;
  bench) run_bench "${2:-5}" ;;
  *) die "usage: $0 [demo | bench [RUNS]]" ;;
esac
