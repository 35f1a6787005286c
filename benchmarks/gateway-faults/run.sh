#!/usr/bin/env bash
# The gateway under subgraph faults (BENCHMARKS.md, "Gateway under subgraph faults"):
#   benchmarks/gateway-faults/run.sh
# Builds the gateway and benchmarks jars, starts the gateway on CPU 1 (loopback) composed from two subgraphs,
# `products` and `stock`, reached through two TCP proxies that the driver owns; the driver (subgraphs, proxies and a
# paced load of one federated query) runs on CPU 0. Phases: warm-up, baseline, stock's proxy killed, stock slowed,
# stock restored. Prints one markdown table (also in $OUT/report.md). Bounded: about 80 s of load, then everything
# started here is stopped.
#
# Environment (defaults in brackets):
#   RATE       offered requests per second [200]      WORKERS   paced client workers [16]
#   SLOW       delay added to every stock answer in the slow phase [2s]
#   PHASES     name:seconds,... [warmup:10,baseline:15,down:20,slow:15,restored:20]
#   TIMEOUT    the gateway's subgraph timeout [500ms]  OPEN   its breaker's open duration [5s]
#   GATEWAY_PORT [4600]  PRODUCTS_PROXY [4610]  STOCK_PROXY [4611]
#   OUT        folder for logs and the report [a new /tmp/zw-gwfaults.* folder]
# Needs a JDK 21+ ($JAVA_HOME or java) and taskset.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rate="${RATE:-200}"
workers="${WORKERS:-16}"
slow="${SLOW:-2s}"
phases="${PHASES:-warmup:10,baseline:15,down:20,slow:15,restored:20}"
timeout="${TIMEOUT:-500ms}"
open="${OPEN:-5s}"
gateway_port="${GATEWAY_PORT:-4600}"
products_proxy="${PRODUCTS_PROXY:-4610}"
stock_proxy="${STOCK_PROXY:-4611}"
load_cpu=0
gateway_cpu=1
out="${OUT:-$(mktemp -d /tmp/zw-gwfaults.XXXXXX)}"
mkdir -p "$out"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ "$(java_major "$java" || echo 0)" -lt 21 ] 2>/dev/null; then
	for candidate in /usr/lib/jvm/*/bin/java; do
		if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then java="$candidate"; break; fi
	done
fi
[ "$(java_major "$java" || echo 0)" -ge 21 ] 2>/dev/null || { echo "needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"

say() { echo "[gwfaults $(date -u +%H:%M:%S)] $*" >&2; }

gateway_pid=""
cleanup() {
	if [ -n "$gateway_pid" ]; then
		kill "$gateway_pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$gateway_pid" 2>/dev/null || true
	fi
}
trap cleanup EXIT INT TERM

say "building the gateway and benchmarks jars (log: $out/build.log)"
(cd "$repo" && ./mvnw -B -q package -pl gateway,benchmarks -am -DskipTests) >"$out/build.log" 2>&1
bench="$repo/benchmarks/target/zielwerk-benchmarks.jar"
gateway_jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar | head -1)"

"$java" -jar "$bench" gateway-faults --write-sdl="$out/sdl"

say "gateway on CPU $gateway_cpu, port $gateway_port (log: $out/gateway.log)"
taskset -c "$gateway_cpu" "$java" -XX:ActiveProcessorCount=1 -jar "$gateway_jar" --server.address=127.0.0.1 \
	--server.port="$gateway_port" \
	--zielwerk.gateway.subgraphs.profile.url= --zielwerk.gateway.subgraphs.segment.url= \
	--zielwerk.gateway.subgraphs.connectors.url= \
	--zielwerk.gateway.subgraphs.products.url="http://127.0.0.1:$products_proxy/graphql" \
	--zielwerk.gateway.subgraphs.products.sdl="file:$out/sdl/products.graphqls" \
	--zielwerk.gateway.subgraphs.stock.url="http://127.0.0.1:$stock_proxy/graphql" \
	--zielwerk.gateway.subgraphs.stock.sdl="file:$out/sdl/stock.graphqls" \
	--zielwerk.gateway.resilience.timeout="$timeout" --zielwerk.gateway.resilience.open-duration="$open" \
	>"$out/gateway.log" 2>&1 &
gateway_pid=$!

say "driver on CPU $load_cpu: $rate requests/s from $workers workers, phases $phases"
taskset -c "$load_cpu" "$java" -XX:ActiveProcessorCount=1 -jar "$bench" gateway-faults \
	--gateway="http://127.0.0.1:$gateway_port/graphql" --products-proxy="$products_proxy" --stock-proxy="$stock_proxy" \
	--rate="$rate" --workers="$workers" --slow="$slow" --phases="$phases" --out="$out"
say "report: $out/report.md"
