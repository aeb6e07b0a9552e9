#!/usr/bin/env bash
# Deployment checks that need no Docker engine: the compose file (both profiles), the Dockerfile
# (its build stage replayed without Docker, the image's start command and health check run against
# a read-only copy of the app), Prometheus config and alerting rules (promtool check + unit tests),
# a real Prometheus server scraping the running service, promtool's lint of /metrics, and the
# Grafana dashboard's queries run through that Prometheus.
#
# Tools come from Debian packages (docker-compose, prometheus, python3-yaml). Run as root, it
# installs them with apt-get; otherwise each check that lacks its tool is skipped with the command
# that installs it. Any real failure stops the script with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
  cat <<'EOF'
Usage: scripts/qa/ops.sh [--help]

Validates docker/, monitoring/ and the image's build and start commands without a Docker engine.
Needs a JDK 17 and, installed on demand when run as root (apt-get), the Debian packages
docker-compose, prometheus and python3-yaml. Uses loopback ports only; leaves nothing running.
Environment: OPS_KEEP=1 keeps the work directory (printed) for inspection.
EOF
}
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

started=$(date +%s)
work=$(mktemp -d /tmp/x0tta6bl4-ops.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "${OPS_KEEP:-0}" = 1 ]; then
    echo "ops: work directory kept: $work"
  else
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT

fail() {
  echo "ops: FAILED: $*" >&2
  exit 1
}
step() {
  local now
  now=$(date +%s)
  echo "ops: [$((now - started))s] $*"
}

# Installs Debian packages when root; returns 1 (caller skips) when that is not possible.
apt_updated=0
install_packages() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  # Debian's prometheus package would start its own server on :9090 where an init system runs;
  # policy-rc.d 101 forbids that for the duration of the install.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  local rc=0
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq >/dev/null || true
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || rc=$?
  if [ "$own_policy" = 1 ]; then
    rm -f "$policy"
  fi
  return "$rc"
}

# need COMMAND PACKAGE: true when COMMAND is (or could be made) available.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "ops: $1 not found, installing Debian package $2"
  install_packages "$2" && command -v "$1" >/dev/null 2>&1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_http() {
  local url=$1 seconds=$2 i
  for ((i = 0; i < seconds * 4; i++)); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 0.25
  done
  return 1
}

need python3 python3 || fail "python3 is required (apt-get install -y python3)"
need curl curl || fail "curl is required (apt-get install -y curl)"
have_yaml=1
if ! python3 -c 'import yaml' 2>/dev/null && ! install_packages python3-yaml; then
  have_yaml=0
  echo "ops: python3 yaml module missing: compose and rule checks will be skipped (apt-get install -y python3-yaml)"
fi
checks=scripts/qa/ops_checks.py

# --- compose --------------------------------------------------------------------------------
step "compose: docker/docker-compose.yml, profiles full and minimal"
compose=()
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif need docker-compose docker-compose; then
  compose=(docker-compose)
fi
if [ ${#compose[@]} -eq 0 ] || [ "$have_yaml" = 0 ]; then
  echo "ops: compose SKIPPED: needs 'docker compose' or docker-compose, and python3-yaml (apt-get install -y docker-compose)"
else
  # every ${VAR} the file uses must be documented in .env.example
  # shellcheck disable=SC2016 # a literal ${ to find in the compose file
  grep -o '\${[A-Z_]*' docker/docker-compose.yml | cut -c3- | sort -u | while read -r var; do
    grep -q "^$var=" docker/.env.example || fail "docker/.env.example does not set $var, which docker-compose.yml uses"
  done
  for profile in full minimal; do
    "${compose[@]}" -f docker/docker-compose.yml --env-file docker/.env.example --profile "$profile" config -q ||
      fail "compose config rejects profile $profile"
    "${compose[@]}" -f docker/docker-compose.yml --env-file docker/.env.example --profile "$profile" config \
      >"$work/compose-$profile.yml"
    python3 "$checks" compose "$work/compose-$profile.yml" "$profile" || fail "compose profile $profile (above)"
  done
  # without a token the file must refuse to start rather than run an open API
  grep -v '^API_TOKEN=' docker/.env.example >"$work/no-token.env"
  if env -u API_TOKEN "${compose[@]}" -f docker/docker-compose.yml --env-file "$work/no-token.env" \
    --profile minimal config -q 2>/dev/null; then
    fail "compose accepts an empty API_TOKEN"
  fi
  echo "ops: compose ok (${compose[*]}: both profiles render, hardening and mounts checked, API_TOKEN required)"
fi

# --- scripts/start-docker.sh -----------------------------------------------------------------
scripts/start-docker.sh --help >/dev/null || fail "scripts/start-docker.sh --help"
mkdir -p "$work/fakebin"
printf '#!/bin/sh\nexit 1\n' >"$work/fakebin/docker"
chmod 755 "$work/fakebin/docker"
if PATH="$work/fakebin:$PATH" scripts/start-docker.sh minimal 2>"$work/start-docker.err"; then
  fail "scripts/start-docker.sh starts without a reachable Docker engine"
fi
grep -q "engine is not reachable" "$work/start-docker.err" ||
  fail "scripts/start-docker.sh without an engine says: $(cat "$work/start-docker.err")"
echo "ops: start-docker.sh ok (--help, refuses to run without a reachable engine and says why)"

# --- Dockerfile -----------------------------------------------------------------------------
step "Dockerfile: lint, build stage replayed without Docker"
if command -v hadolint >/dev/null 2>&1; then
  hadolint docker/Dockerfile || fail "hadolint docker/Dockerfile"
  echo "ops: hadolint ok"
else
  echo "ops: hadolint not installed (no Debian package; binary from github.com/hadolint/hadolint/releases)"
fi
# dockerfile-utils (npm, the linter behind VS Code's Dockerfile support) validates instructions,
# flags and arguments as Docker's parser would, which no other check here does
if command -v npm >/dev/null 2>&1 &&
  npm install --prefix "$work/npm" --no-audit --no-fund --silent dockerfile-utils@0.16.3 >/dev/null 2>&1; then
  "$work/npm/node_modules/.bin/dockerfile-utils" lint docker/Dockerfile || fail "dockerfile-utils lint docker/Dockerfile (above)"
  echo "ops: dockerfile-utils lint ok"
else
  echo "ops: dockerfile-utils lint SKIPPED: needs npm (apt-get install -y npm) and the npm registry"
fi
python3 "$checks" dockerfile-plan docker/Dockerfile >"$work/build-plan" || fail "Dockerfile build stage (above)"
build=$work/build
mkdir -p "$build"
while read -r verb rest; do
  case "$verb" in
    cd) ;; # the build stage's WORKDIR is $build
    copy)
      read -r source dest <<<"$rest"
      mkdir -p "$build/$(dirname "$dest")"
      cp -a "$source" "$build/$dest"
      ;;
    run)
      echo "ops:   RUN $rest"
      (cd "$build" && bash -euc "$rest") >"$work/build.log" 2>&1 || {
        tail -30 "$work/build.log" >&2
        fail "Dockerfile build step: $rest"
      }
      ;;
  esac
done <"$work/build-plan"
python3 "$checks" dockerfile-runtime docker/Dockerfile "$build" >"$work/runtime.json" ||
  fail "Dockerfile runtime stage (above)"
# lay the image's /app out as the COPY --from=build lines do
app=$work/image/app
mkdir -p "$app" "$work/image/opt/healthcheck"
python3 - "$work/runtime.json" "$build" "$work/image" <<'EOF'
import json, os, shutil, sys
spec, build, image = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
for source, dest in spec["copies"]:
    src = os.path.join(build, os.path.relpath(source, "/build"))
    dst = os.path.join(image, "app", dest) if not dest.startswith("/") else os.path.join(image, dest.lstrip("/"))
    shutil.copytree(src, dst, dirs_exist_ok=True)
EOF
echo "ops: Dockerfile build stage ok (jar built, layers extracted, health probe compiled)"

# --- promtool -------------------------------------------------------------------------------
step "promtool: config, rules, rule unit tests"
have_prometheus=0
if need promtool prometheus; then
  have_prometheus=1
  promtool check config monitoring/prometheus/prometheus.yml >/dev/null || fail "promtool check config"
  promtool check rules monitoring/prometheus/alerts.yml >/dev/null || fail "promtool check rules"
  promtool test rules monitoring/prometheus/alerts.test.yml || fail "promtool test rules"
  echo "ops: promtool ok"
else
  echo "ops: promtool SKIPPED: not installed (apt-get install -y prometheus)"
fi

# --- the service as the image runs it ---------------------------------------------------------
step "service: image entrypoint on a read-only /app, as an unprivileged user"
api_port=$(free_port)
mgmt_port=$(free_port)
data=$work/data
mkdir -p "$data"
chmod -R a-w "$work/image"
run_as=()
if [ "$(id -u)" = 0 ]; then
  # root ignores file modes: run as nobody so a write outside DATA_DIR and /tmp fails as in the image
  chown nobody "$data"
  run_as=(runuser -u nobody --)
fi
mapfile -t entrypoint < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["entrypoint"]))' "$work/runtime.json")
mapfile -t probe < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["healthcheck"]))' "$work/runtime.json")
probe=("${probe[@]//\/opt\/healthcheck/$work/image/opt/healthcheck}")
(cd "$app" && exec env API_PORT="$api_port" MANAGEMENT_PORT="$mgmt_port" DATA_DIR="$data" LOOP_INTERVAL=1s \
  API_TOKEN=ops-check "${run_as[@]}" "${entrypoint[@]}" >"$work/service.log" 2>&1) &
pids+=($!)
wait_http "http://127.0.0.1:$mgmt_port/health/liveness" 90 || {
  tail -40 "$work/service.log" >&2
  fail "the service did not answer /health/liveness on :$mgmt_port within 90 s"
}
MANAGEMENT_PORT=$mgmt_port "${probe[@]}" >/dev/null || fail "the image's HEALTHCHECK command failed against a live service"
if MANAGEMENT_PORT=$(free_port) "${probe[@]}" >/dev/null; then
  fail "the image's HEALTHCHECK command passes with nothing listening"
fi
if find "$data" -newer "$work/runtime.json" -type f | grep -q .; then :; else
  fail "the service wrote nothing to DATA_DIR ($data)"
fi
curl -sf -o /dev/null "http://127.0.0.1:$api_port/health" || fail "API /health on :$api_port"
echo "ops: service ok (started from the extracted layers, healthy, HEALTHCHECK passes live and fails on a closed port)"

# --- Prometheus server ------------------------------------------------------------------------
if [ "$have_prometheus" = 1 ]; then
  step "prometheus: a real server scrapes the service"
  prom_port=$(free_port)
  cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $PWD/monitoring/prometheus/alerts.yml
scrape_configs:
  - job_name: x0tta6bl4
    static_configs:
      - targets: ["127.0.0.1:$mgmt_port"]
EOF
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
  pids+=($!)
  api=http://127.0.0.1:$prom_port/api/v1
  wait_http "http://127.0.0.1:$prom_port/-/ready" 30 || fail "Prometheus did not become ready (log: $work/prometheus.log)"
  up=""
  for ((i = 0; i < 60; i++)); do
    up=$(curl -s "$api/targets" | python3 -c 'import json,sys
t = [x for x in json.load(sys.stdin)["data"]["activeTargets"] if x["labels"]["job"] == "x0tta6bl4"]
print((t[0]["health"] + ": " + t[0]["lastError"]) if t and t[0]["health"] != "up" else (t[0]["health"] if t else "none"))')
    [ "$up" = up ] && break
    sleep 0.5
  done
  [ "$up" = up ] || fail "Prometheus reports the x0tta6bl4 target as '$up'"
  query() {
    curl -s --get "$api/query" --data-urlencode "query=$1"
  }
  series=$(query 'count({__name__=~"mapek_.+", job="x0tta6bl4"})' | python3 -c 'import json,sys
r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)')
  [ "$series" -gt 0 ] || fail "Prometheus holds no mapek_ series"
  rules=$(curl -s "$api/rules" | python3 -c 'import json,sys
g = json.load(sys.stdin)["data"]["groups"]
bad = [r["name"] for x in g for r in x["rules"] if r.get("health") not in ("ok", "unknown")]
print(sum(len(x["rules"]) for x in g), " ".join(bad))')
  [ "${rules#* }" = "" ] || fail "rules unhealthy in the server: ${rules#* }"
  echo "ops: prometheus ok (target up, $series mapek_ series, ${rules% *} alerting rules loaded)"
else
  echo "ops: prometheus server SKIPPED: not installed (apt-get install -y prometheus)"
fi

# --- /metrics: lint and names the dashboard and alerts use ------------------------------------
step "metrics: promtool check metrics, dashboard and rule expressions"
# one API request so the HTTP server series the dashboard shows exist, then a scrape to compare
curl -sf -o /dev/null "http://127.0.0.1:$api_port/api/v1/loop" || fail "GET /api/v1/loop"
sleep 1.5
curl -sf "http://127.0.0.1:$mgmt_port/metrics" >"$work/metrics.txt" || fail "GET /metrics"
if [ "$have_prometheus" = 1 ]; then
  # exit 3 means lint warnings only; Spring's and the JVM's own series have some (missing HELP,
  # units in names). Warnings on the controller's own mapek_ series count as failures.
  rc=0
  promtool check metrics <"$work/metrics.txt" >"$work/lint.txt" 2>&1 || rc=$?
  case "$rc" in
    0 | 3) ;;
    *) cat "$work/lint.txt" >&2; fail "promtool check metrics exit $rc" ;;
  esac
  if grep '^mapek_' "$work/lint.txt"; then
    fail "promtool lint warnings on mapek_ series (above)"
  fi
  echo "ops: promtool check metrics ok (exit $rc, $(grep -c . "$work/lint.txt" || true) warnings, none on mapek_ series)"
fi
python3 "$checks" dashboard monitoring/grafana/dashboards/x0tta6bl4.json "$work/metrics.txt" >"$work/queries.json" ||
  fail "dashboard (above)"
if [ "$have_yaml" = 1 ]; then
  python3 "$checks" rules monitoring/prometheus/alerts.yml "$work/metrics.txt" >"$work/rule-queries.json" ||
    fail "alert rules (above)"
else
  echo "[]" >"$work/rule-queries.json"
  echo "ops: alert rule names SKIPPED: python3-yaml missing (apt-get install -y python3-yaml)"
fi
if [ "$have_prometheus" = 1 ]; then
  # every dashboard and rule query must parse and return data in a real Prometheus
  python3 - "$api" "$work/queries.json" "$work/rule-queries.json" <<'EOF' || fail "queries (above)"
import json, sys, urllib.parse, urllib.request
api, files = sys.argv[1], sys.argv[2:]
bad = 0
count = 0
for path in files:
    for q in json.load(open(path)):
        count += 1
        expr = (q["expr"].replace("$__rate_interval", "30s").replace("$__range", "1m")
                .replace('"$instance"', '".*"'))
        url = api + "/query?" + urllib.parse.urlencode({"query": expr})
        try:
            body = json.load(urllib.request.urlopen(url, timeout=10))
        except Exception as e:
            print(f"  {q['panel']}: {e}: {expr}", file=sys.stderr); bad += 1; continue
        if body.get("status") != "success":
            print(f"  {q['panel']}: {body.get('error')}: {expr}", file=sys.stderr); bad += 1
        elif q["panel"].startswith("rule "):
            continue  # a healthy service must not match an alert's expression: checked below
        elif not body["data"]["result"] and "> 0" not in expr:
            print(f"  {q['panel']}: no data: {expr}", file=sys.stderr); bad += 1
print(f"ops: {count} queries evaluated in Prometheus", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
  firing=$(query 'ALERTS{alertstate="firing"}' | python3 -c 'import json,sys
print(" ".join(r["metric"]["alertname"] for r in json.load(sys.stdin)["data"]["result"]))')
  [ -z "$firing" ] || fail "alerts firing against a healthy service: $firing"
fi
echo "ops: dashboard and rules ok (every expression names series the service exposes)"

step "done"
