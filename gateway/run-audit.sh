#!/usr/bin/env bash
# Runs graphql-hive/federation-gateway-audit (46 scenarios, 199 queries) against the Zielwerk gateway:
#   gateway/run-audit.sh                 # every scenario; prints per-scenario results, the score and the failures
#   gateway/run-audit.sh node typename   # only these scenarios
#   VERBOSE=1 gateway/run-audit.sh ...   # also the diff (expected vs received) of each failing query
#
# The audit's own CLI drives it: it serves the scenario subgraphs (on $SUBGRAPH_PORT, default 4200), starts
# gateway/audit/start-gateway.sh per scenario (the gateway jar with --zielwerk.gateway.supergraph=the scenario's
# supergraph, on $GATEWAY_PORT, default 4290) and sends the scenario's queries. Nothing of the audit lives in this
# repository: it is cloned (pinned commit) into $AUDIT_CACHE (default: audit-cache next to the repository) and its
# runtime dependencies come from the npm registry. AUDIT_SRC may name a local clone/git dir to clone from instead of
# GitHub. Needs node (20+), npm, git, curl, lsof, and a JDK 21+ ($JAVA_HOME); builds the gateway jar when missing
# (REBUILD=1 forces it). Not part of the Maven build: CI needs no npm.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${AUDIT_CACHE:-$(dirname "$repo")/audit-cache}"
audit="$cache/federation-gateway-audit"
tools="$cache/tools"
work="$cache/zielwerk-run"
commit=f59c05e3f48f4a4f8e8a731d67a1b71a9788a96f
subgraph_port="${SUBGRAPH_PORT:-4200}"
gateway_port="${GATEWAY_PORT:-4290}"

for tool in node npm git curl lsof; do
  command -v "$tool" >/dev/null || { echo "run-audit: '$tool' is needed" >&2; exit 1; }
done
for port in "$subgraph_port" "$gateway_port"; do
  # The audit's CLI kills whatever listens on the gateway port; only ever let it find our own gateway there.
  if lsof -iTCP:"$port" -sTCP:LISTEN -t >/dev/null 2>&1; then
    echo "run-audit: port $port is in use; set SUBGRAPH_PORT / GATEWAY_PORT to free ports" >&2
    exit 1
  fi
done

mkdir -p "$cache"
if [ ! -d "$audit/.git" ]; then
  git clone -q "${AUDIT_SRC:-https://github.com/graphql-hive/federation-gateway-audit}" "$audit"
fi
git -C "$audit" checkout -q "$commit"
if [ ! -d "$audit/node_modules/fets" ]; then
  # Runtime dependencies only: the dev dependencies are the other gateways, not all of which npm serves.
  (cd "$audit" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
if [ ! -x "$tools/node_modules/.bin/tsx" ]; then
  # graphql (a peer dependency) and tsx (runs the TypeScript sources) are dev dependencies there.
  mkdir -p "$tools" && echo '{"private":true}' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --loglevel=error graphql@16.14.0 tsx@4.22.4)
fi
ln -sfn "$tools/node_modules/graphql" "$audit/node_modules/graphql"
cat >"$cache/polyfill.mjs" <<'EOF'
// Node 20 lacks Promise.withResolvers, which the audit's CLI uses.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
EOF

jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$repo" && ./mvnw -B -q -o package -pl gateway -am -DskipTests)
  jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar | head -1)"
fi

rm -rf "$work" && mkdir -p "$work/logs"
export ZW_AUDIT_WORK="$work" ZW_AUDIT_JAR="$jar" ZW_AUDIT_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export ZW_AUDIT_SUBGRAPH_PORT="$subgraph_port" ZW_AUDIT_GATEWAY_PORT="$gateway_port"
export NODE_OPTIONS="--import=$cache/polyfill.mjs" GATEWAY_TIMEOUT=90000 NO_COLOR=1
cli=("$tools/node_modules/.bin/tsx" "$audit/src/cli.ts")
common=(--cwd "$work" --run-script "$repo/gateway/audit/start-gateway.sh" --port "$subgraph_port"
  --graphql "http://127.0.0.1:$gateway_port/graphql" --healthcheck "http://127.0.0.1:$gateway_port/actuator/health")

cd "$audit"
if [ $# -eq 0 ]; then
  "${cli[@]}" test "${common[@]}" --reporter dot >"$work/audit.out" 2>&1 || true
  mapfile -t ids < <(sed '/^$/,$d' "$work/results.txt" | grep -v '^[.X]*$')
else
  ids=("$@")
  for id in "${ids[@]}"; do
    "${cli[@]}" test-suite "${common[@]}" --test "$id" --reporter dot >>"$work/audit.out" 2>&1 || true
  done
fi

# Every scenario's TAP log names each query's result: "ok N - <scenario>_<index>" / "not ok N - ...".
passed=0 total=0 failures=()
for id in "${ids[@]}"; do
  log="$work/logs/$id-tests.log"
  ok=$(grep -cE "^ +ok [0-9]+ - ${id}_[0-9]+" "$log" 2>/dev/null || true)
  bad=$(grep -oE "^ +not ok [0-9]+ - ${id}_[0-9]+" "$log" 2>/dev/null | sed 's/.* - //' || true)
  nbad=$(printf '%s' "$bad" | grep -c . || true)
  if [ $((ok + nbad)) -eq 0 ]; then
    echo "$id: no results (gateway did not start? see $work/logs/$id-gateway.log)"
    failures+=("$id (no results)")
    continue
  fi
  printf '%-40s %d/%d\n' "$id" "$ok" $((ok + nbad))
  passed=$((passed + ok)) total=$((total + ok + nbad))
  for name in $bad; do failures+=("$name"); done
done
echo
echo "Score: $passed/$total"
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failing: ${failures[*]}"
  echo "(queries and diffs: $work/logs/<scenario>-tests.log; gateway output: $work/logs/<scenario>-gateway.log)"
fi
if [ -n "${VERBOSE:-}" ]; then
  for id in "${ids[@]}"; do
    grep -q "not ok" "$work/logs/$id-tests.log" 2>/dev/null || continue
    echo "===== $id"
    awk '/not ok/{p=1} p&&/^ *(ok|not ok) /&&!/not ok/{p=0} p' "$work/logs/$id-tests.log" | head -150
  done
fi
