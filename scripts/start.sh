#!/usr/bin/env bash
# The start menu: one place to run x0tta6bl4 in each way it runs, check it and read about it.
# Interactive without arguments; `scripts/start.sh <choice>` runs one choice directly.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: scripts/start.sh [CHOICE [ARGS...]]

Without CHOICE, shows a menu. Choices (name or number):
  1  dev             run from source on the dev profile (scripts/start-dev.sh; needs a JDK 17)
  2  docker-full     the service with Prometheus, Grafana and Jaeger (scripts/start-docker.sh full)
  3  docker-minimal  the service alone in Docker (scripts/start-docker.sh minimal)
  4  k8s             deploy to Kubernetes (scripts/start-k8s.sh; ARGS e.g. --dry-run, --helm)
  5  health          check the machine, the project and a running instance (scripts/health-check.sh)
  6  qa              tests, coverage and every offline check (scripts/qa.sh)
  7  docs            list the documentation; `docs NAME` prints docs/NAME.md
  8  quit
ARGS are passed to the script the choice runs, e.g. `scripts/start.sh health --url http://host:8000`.
USAGE
}

run_script() {
  local script="$1"; shift
  if [ ! -f "$script" ]; then
    echo "start.sh: $script is missing from this checkout (it comes with the part of the project that provides it)" >&2
    return 1
  fi
  bash "$script" "$@"
}

docs() {
  if [ $# -gt 0 ]; then
    local page="docs/${1%.md}.md"
    [ "${1%.md}" != README ] || page=README.md
    [ -f "$page" ] || { echo "start.sh: no $page; \`scripts/start.sh docs\` lists the pages" >&2; return 1; }
    if [ -t 1 ] && command -v "${PAGER:-less}" >/dev/null 2>&1; then
      "${PAGER:-less}" "$page"
    else
      cat "$page"
    fi
    return
  fi
  echo "Documentation (scripts/start.sh docs NAME prints one):"
  local page title
  for page in README.md docs/*.md; do
    [ -f "$page" ] || continue
    title="$(grep -m1 '^# ' "$page" | sed 's/^# //')"
    printf '  %-28s %s\n' "$(basename "$page" .md)" "$title"
  done
}

run_choice() {
  local choice="$1"; shift
  case "$choice" in
    1 | dev) run_script scripts/start-dev.sh "$@" ;;
    2 | docker-full) run_script scripts/start-docker.sh full "$@" ;;
    3 | docker-minimal) run_script scripts/start-docker.sh minimal "$@" ;;
    4 | k8s | kubernetes) run_script scripts/start-k8s.sh "$@" ;;
    5 | health) run_script scripts/health-check.sh "$@" ;;
    6 | qa) run_script scripts/qa.sh "$@" ;;
    7 | docs) docs "$@" ;;
    8 | quit | q | exit) return 0 ;;
    -h | --help | help) usage ;;
    *) echo "start.sh: unknown choice '$choice'" >&2; usage >&2; return 2 ;;
  esac
}

if [ $# -gt 0 ]; then
  run_choice "$@"
  exit
fi

if [ ! -t 0 ]; then
  echo "start.sh: no terminal to show the menu on; name a choice instead:" >&2
  usage >&2
  exit 2
fi

while true; do
  cat <<'MENU'

x0tta6bl4
  1) development      (./mvnw spring-boot:run, dev profile)
  2) docker full      (service, Prometheus, Grafana, Jaeger)
  3) docker minimal   (service only)
  4) Kubernetes       (kubectl apply -k k8s)
  5) health check
  6) QA               (tests, coverage, offline checks)
  7) documentation
  8) quit
MENU
  read -r -p "choice [1-8]: " answer || exit 0
  case "$answer" in
    8 | quit | q | exit | "") exit 0 ;;
    7 | docs)
      docs
      read -r -p "open which page (empty: back to the menu)? " page || exit 0
      [ -z "$page" ] || docs "$page" || true
      ;;
    *)
      # a failed choice returns to the menu with its message, not out of it
      run_choice "$answer" || echo "(exit status $?)"
      ;;
  esac
done
