#!/usr/bin/env bash
# Runs the federation kit's conformance operations against the gateway, in one command:
#   gateway/run-kit.sh [reviews|shop]
# Starts the kit's fixture subgraphs (port 4300) and the gateway (port 4000, loopback), runs
# run-operations.mjs, prints "N passed, M failed" and stops both. KIT points at the kit
# (default: ../shared/federation-kit next to the repository). Needs node and a built gateway
# jar (built here when missing); the JDK is $JAVA_HOME's (21 or newer).
set -euo pipefail
case_name="${1:-reviews}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
kit="${KIT:-$(dirname "$repo")/shared/federation-kit}"
jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ]; then
  (cd "$repo" && ./mvnw -B -q package -pl gateway -am -DskipTests)
  jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar | head -1)"
fi
[ -d "$kit/node_modules" ] || (cd "$kit" && npm ci --no-audit --no-fund)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
(cd "$kit" && exec node serve-subgraphs.mjs "$case_name" 4300) >/tmp/zielwerk-kit-subgraphs.log 2>&1 &
pids+=($!)
"$java" -jar "$jar" --server.address=127.0.0.1 --server.port=4000 \
  --zielwerk.gateway.supergraph="$kit/cases/$case_name/supergraph.graphql" >/tmp/zielwerk-kit-gateway.log 2>&1 &
pids+=($!)
ready=""
for _ in $(seq 1 60); do
  if curl -sf http://127.0.0.1:4000/actuator/health >/dev/null && curl -s -o /dev/null http://127.0.0.1:4300/; then
    ready=yes; break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "the gateway or the subgraphs did not start (a JDK 21+ is needed: set JAVA_HOME); last gateway log lines:" >&2
  tail -5 /tmp/zielwerk-kit-gateway.log >&2
  exit 1
fi
(cd "$kit" && node run-operations.mjs "$case_name" http://127.0.0.1:4000/graphql)
