#!/usr/bin/env bash
# Starts x0tta6bl4 from source on the development profile: a 1 s loop, Knowledge in H2 under ./data,
# DEBUG logs of the loop. Ports come from API_PORT (8000) and MANAGEMENT_PORT (9090), e.g.
#   API_PORT=8001 MANAGEMENT_PORT=9091 ./scripts/start-dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-dev}"
exec ./mvnw -B -q spring-boot:run
