#!/usr/bin/env bash
# Starts x0tta6bl4 with Docker Compose: `full` (controller, Prometheus, Grafana, Jaeger) or
# `minimal` (the controller alone). The image is built from docker/Dockerfile, which builds the jar
# itself, so no local JDK or Maven is needed. Creates docker/.env with random secrets on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

compose_file=docker/docker-compose.yml
env_file=docker/.env

usage() {
  cat <<'EOF'
Usage: scripts/start-docker.sh full|minimal|down [--no-build]

  full      controller + Prometheus + Grafana (dashboard provisioned) + Jaeger (traces over OTLP)
  minimal   the controller alone
  down      stop and remove the containers (volumes, and so Knowledge, are kept)
  --no-build  reuse the image built last time

Needs a running Docker engine and Compose v2 (`docker compose`) or docker-compose >= 1.28.
Settings: docker/.env, created from docker/.env.example with a random API_TOKEN and Grafana
password when missing. Ports are published on 127.0.0.1 unless BIND_ADDRESS says otherwise.
EOF
}

die() {
  echo "start-docker: $*" >&2
  exit 1
}

profile=""
build=(--build)
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    full | minimal | down) profile=$arg ;;
    --no-build) build=() ;;
    *) usage >&2; exit 2 ;;
  esac
done
[ -n "$profile" ] || { usage >&2; exit 2; }

command -v docker >/dev/null 2>&1 ||
  die "docker not found. Install Docker Engine (https://docs.docker.com/engine/install/) or use ./scripts/start-dev.sh"
docker info >/dev/null 2>&1 ||
  die "the Docker engine is not reachable (docker info failed). Start it (systemctl start docker) or check DOCKER_HOST and your permission on /var/run/docker.sock"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  version=$(docker-compose version --short 2>/dev/null || echo 0)
  major=${version%%.*}
  minor=${version#*.}
  minor=${minor%%.*}
  if [ "$major" -lt 1 ] || { [ "$major" = 1 ] && [ "$minor" -lt 28 ]; }; then
    die "docker-compose $version has no profiles; install Compose v2 (the docker-compose-plugin package) or docker-compose >= 1.28"
  fi
  compose=(docker-compose)
else
  die "neither 'docker compose' nor docker-compose found; install the docker-compose-plugin package"
fi
compose+=(-f "$compose_file")

if [ "$profile" = down ]; then
  [ -f "$env_file" ] || die "$env_file does not exist, so nothing was started from here"
  "${compose[@]}" --profile full --profile minimal down
  exit 0
fi

secret() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}
if [ ! -f "$env_file" ]; then
  sed -e "s/^API_TOKEN=.*/API_TOKEN=$(secret)/" \
    -e "s/^GRAFANA_ADMIN_PASSWORD=.*/GRAFANA_ADMIN_PASSWORD=$(secret)/" \
    docker/.env.example >"$env_file"
  chmod 600 "$env_file"
  echo "start-docker: created $env_file with a random API_TOKEN and Grafana password"
fi

setting() {
  local value
  value=$(grep -E "^$1=" "$env_file" | tail -1 | cut -d= -f2-)
  echo "${value:-$2}"
}

"${compose[@]}" --profile "$profile" up -d "${build[@]}"

container=x0tta6bl4
[ "$profile" = minimal ] && container=x0tta6bl4-minimal
printf 'start-docker: waiting for %s to become healthy' "$container"
status=""
for _ in $(seq 1 60); do
  status=$(docker inspect --format '{{.State.Health.Status}}' "$container" 2>/dev/null || echo missing)
  [ "$status" = healthy ] && break
  printf '.'
  sleep 2
done
echo
if [ "$status" != healthy ]; then
  "${compose[@]}" --profile "$profile" logs --tail 40 "$container" >&2 || true
  die "$container is '$status' after 120 s; its log is above (${compose[*]} --profile $profile logs $container)"
fi

host=$(setting BIND_ADDRESS 127.0.0.1)
[ "$host" = 0.0.0.0 ] && host=127.0.0.1
echo "x0tta6bl4 is up ($profile):"
echo "  API          http://$host:$(setting API_PORT 8000)   (mutating calls: Authorization: Bearer \$API_TOKEN from $env_file)"
echo "  metrics      http://$host:$(setting MANAGEMENT_PORT 9090)/metrics   health: /health"
if [ "$profile" = full ]; then
  echo "  Prometheus   http://$host:$(setting PROMETHEUS_PORT 9091)   (alerts: /alerts)"
  echo "  Grafana      http://$host:$(setting GRAFANA_PORT 3000)   (dashboard x0tta6bl4; admin password in $env_file)"
  echo "  Jaeger       http://$host:$(setting JAEGER_UI_PORT 16686)   (service x0tta6bl4)"
fi
echo "Stop: scripts/start-docker.sh down"
