#!/usr/bin/env bash
# Checks that this machine can build and run x0tta6bl4, that the project is whole and its
# configuration parses, and that a running instance answers /health and /ready. One line per
# check; exits 1 when any check FAILED (warnings do not fail it).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: scripts/health-check.sh [--url URL] [--no-instance] [--tests] [--skip-deps]

Checks, in order: Java (17 or newer), the Maven wrapper and that the dependencies resolve, the
project structure, the configuration (application*.yml parse; required keys present), the tests
(only with --tests: ./mvnw -B verify), Docker (client and engine; warnings only), and GET /health
and /ready of a running instance.

  --url URL       the instance's API base URL (default http://localhost:${API_PORT:-8000})
  --no-instance   do not check a running instance
  --tests         also run the test suite (2-4 minutes)
  --skip-deps     do not resolve the Maven dependencies (they need Maven Central the first time)
  -h, --help      this text

Environment: HEALTH_CURL_OPTS adds curl options, e.g. client certificates for an mTLS API:
  HEALTH_CURL_OPTS="--cert svid.pem --key svid_key.pem --cacert bundle.pem" \
    scripts/health-check.sh --url https://x0tta6bl4:8000
USAGE
}

url="http://localhost:${API_PORT:-8000}"
check_instance=true
run_tests=false
resolve_deps=true
while [ $# -gt 0 ]; do
  case "$1" in
    --url)
      [ $# -ge 2 ] || { echo "health-check.sh: --url needs a URL" >&2; exit 2; }
      url="${2%/}"
      shift
      ;;
    --no-instance) check_instance=false ;;
    --tests) run_tests=true ;;
    --skip-deps) resolve_deps=false ;;
    -h | --help) usage; exit 0 ;;
    *) echo "health-check.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

failures=0
ok() { printf 'ok    %-14s %s\n' "$1" "$2"; }
warn() { printf 'warn  %-14s %s\n' "$1" "$2"; }
skip() { printf 'skip  %-14s %s\n' "$1" "$2"; }
fail() { printf 'FAIL  %-14s %s\n' "$1" "$2"; failures=$((failures + 1)); }

# Java
java_ok=false
if ! command -v java >/dev/null 2>&1; then
  fail java "no java on PATH: install a JDK 17 or newer (apt-get install -y openjdk-17-jdk-headless)"
else
  version="$(java -version 2>&1 | head -1)"
  major="$(echo "$version" | sed -E 's/.*version "([0-9]+)(\.[0-9]+)*.*/\1/')"
  if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 17 ]; then
    ok java "$version"
    java_ok=true
  else
    fail java "$version: x0tta6bl4 needs Java 17 or newer (set JAVA_HOME or PATH to one)"
  fi
fi

# Maven wrapper and dependencies
if [ ! -x mvnw ] || [ ! -f .mvn/wrapper/maven-wrapper.properties ]; then
  fail maven "./mvnw or .mvn/wrapper/ is missing or not executable: restore them from git (git checkout -- mvnw .mvn)"
elif ! $resolve_deps; then
  skip maven "dependency resolution skipped (--skip-deps)"
elif ! $java_ok; then
  skip maven "needs Java"
elif log="$(./mvnw -B -q dependency:resolve 2>&1)"; then
  ok maven "./mvnw resolves every dependency"
else
  fail maven "./mvnw dependency:resolve failed (Maven Central reachable? proxy set in ~/.m2/settings.xml?): $(echo "$log" | grep -m1 ERROR || echo "$log" | tail -1)"
fi

# Project structure
missing=()
for path in pom.xml src/main/java/io/x0tta6bl4/X0tta6bl4Application.java \
  src/main/resources/application.yml src/main/resources/db/migration \
  k8s/kustomization.yaml helm/x0tta6bl4/Chart.yaml scripts/qa.sh; do
  [ -e "$path" ] || missing+=("$path")
done
if [ ${#missing[@]} -eq 0 ]; then
  ok structure "sources, configuration, migrations, k8s/, helm/, scripts/"
else
  fail structure "missing: ${missing[*]} (is this a complete checkout? git status)"
fi
if [ ! -f docker/Dockerfile ]; then
  warn structure "no docker/Dockerfile: the Docker choices of scripts/start.sh will not work"
fi

# Configuration: every application*.yml parses (with the SnakeYAML that Spring Boot uses) and the
# keys the service cannot start without are there.
snakeyaml="$(find "${HOME}/.m2/repository/org/yaml/snakeyaml" -name 'snakeyaml-*.jar' 2>/dev/null | sort -V | tail -1 || true)"
if ! $java_ok; then
  skip config "needs Java"
elif [ -z "$snakeyaml" ]; then
  skip config "SnakeYAML is not in ~/.m2 yet: run ./mvnw -B -q dependency:resolve (or drop --skip-deps)"
else
  checker="$(mktemp -d)/CheckConfig.java"
  cat >"$checker" <<'JAVA'
import java.nio.file.*;
import java.util.*;
import org.yaml.snakeyaml.Yaml;

public class CheckConfig {
  public static void main(String[] args) throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, Object> main = null;
    for (String file : args) {
      try {
        int documents = 0;
        for (Object doc : new Yaml().loadAll(Files.readString(Path.of(file)))) {
          documents++;
          if (main == null && file.endsWith("/application.yml") && doc instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked") Map<String, Object> typed = (Map<String, Object>) m;
            main = typed;
          }
        }
        if (documents == 0) problems.add(file + " is empty");
      } catch (Exception e) {
        problems.add(file + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
      }
    }
    String[] required = {"server.port", "management.server.port", "spring.datasource.url",
        "x0tta6bl4.loop.interval", "x0tta6bl4.loop.mode", "management.endpoint.health.group.readiness"};
    for (String key : required) {
      Object node = main;
      for (String part : key.split("\\.")) {
        node = node instanceof Map<?, ?> m ? m.get(part) : null;
      }
      if (node == null) problems.add("application.yml has no " + key);
    }
    problems.forEach(System.out::println);
    System.exit(problems.isEmpty() ? 0 : 1);
  }
}
JAVA
  if problems="$(java -cp "$snakeyaml" "$checker" src/main/resources/application*.yml 2>&1)"; then
    ok config "application*.yml parse; server, management, datasource, loop and readiness keys present"
  else
    fail config "$(echo "$problems" | paste -sd ';' -)"
  fi
  rm -rf "$(dirname "$checker")"
fi
if [ -f .env ]; then
  bad="$(grep -nvE '^[[:space:]]*(#.*)?$|^[A-Za-z_][A-Za-z0-9_.]*=' .env | head -3 || true)"
  if [ -n "$bad" ]; then
    fail config ".env lines that are not NAME=value: $(echo "$bad" | paste -sd ' ' -)"
  fi
fi

# Tests
if ! $run_tests; then
  skip tests "not run (pass --tests to run ./mvnw -B verify)"
elif ! $java_ok; then
  skip tests "needs Java"
elif ./mvnw -B -q verify >target/health-check-tests.log 2>&1; then
  ok tests "./mvnw -B verify passed"
else
  fail tests "./mvnw -B verify failed: see target/health-check-tests.log"
fi

# Docker: needed only for the Docker ways to run, so it warns
if ! command -v docker >/dev/null 2>&1; then
  warn docker "no docker client: needed only for scripts/start-docker.sh"
elif docker info >/dev/null 2>&1; then
  ok docker "$(docker --version) with a running engine"
else
  warn docker "$(docker --version), but no engine answers (start it: systemctl start docker; or check DOCKER_HOST)"
fi

# A running instance
if ! $check_instance; then
  skip instance "not checked (--no-instance)"
elif ! command -v curl >/dev/null 2>&1; then
  fail instance "curl not found: apt-get install -y curl"
else
  read -r -a curl_opts <<<"${HEALTH_CURL_OPTS:-}"
  for endpoint in health ready; do
    body="$(curl -sS --max-time 5 "${curl_opts[@]}" -w '\n%{http_code}' "$url/$endpoint" 2>&1)" || {
      fail "/$endpoint" "no answer from $url/$endpoint ($(echo "$body" | head -1)): start the service (scripts/start.sh dev), pass --url, or --no-instance"
      continue
    }
    code="$(echo "$body" | tail -1)"
    body="$(echo "$body" | sed '$d' | tr -d '\n' | cut -c1-160)"
    if [ "$code" = 200 ]; then
      ok "/$endpoint" "200 $body"
    else
      fail "/$endpoint" "$code $body"
    fi
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "health-check: $failures check(s) FAILED"
  exit 1
fi
echo "health-check: all checks passed"
