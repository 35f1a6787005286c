#!/usr/bin/env bash
# The gateway benchmark, peers side by side in one run (see BENCHMARKS.md, "Gateway"):
#   benchmarks/gateway/run.sh
# Serves the federation kit's `reviews` subgraphs and wrk on CPU 0, one gateway at a time on CPU 1 (port 4000,
# loopback), checks its answer to the kit's bench query, then measures: wrk with 50 connections (warm-up, then the
# measured window), peak RSS of the gateway, subgraph requests per operation (c=1 and under load), latency at c=1,
# and once the overhead of our gateway against sending its subgraph fetches directly. Prints one markdown table.
#
# Environment (defaults in brackets):
#   MODES        gateways/modes to run, in order [all: see ALL_MODES below]
#   WARMUP       warm-up seconds [10]        DURATION   measured seconds [30]      CONNECTIONS  wrk connections [50]
#   REPEAT       rounds over all modes; the table shows medians (and ranges) [1]
#   C1_REQUESTS  sequential requests for the c=1 figures [100]
#   GATEWAY_PORT [4000]  SUBGRAPH_PORT [4300]  RECORD_PORT [4390]   KIT [../shared/federation-kit next to the repo]
#   OUT          folder for logs and raw results [a new /tmp/zw-gwbench.* folder]
#   GATEWAY_JAVA_OPTS  extra JVM options for our gateway, e.g. "-Xmx256m" [none]
# Needs node 20+, npm (the npm registry for the peers' first install), a JDK 21+ ($JAVA_HOME or java), wrk, taskset.
set -euo pipefail

ALL_MODES="zielwerk zielwerk-heap256 zielwerk-no-subgraph-dedup zielwerk-client-dedup zielwerk-client-dedup-only apollo hive hive-rust hive-dedup hive-rust-dedup"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
kit="${KIT:-$(dirname "$repo")/shared/federation-kit}"
peers="$here/peers"
modes="${MODES:-$ALL_MODES}"
warmup="${WARMUP:-10}"
duration="${DURATION:-30}"
connections="${CONNECTIONS:-50}"
repeat="${REPEAT:-1}"
c1_requests="${C1_REQUESTS:-100}"
gateway_port="${GATEWAY_PORT:-4000}"
subgraph_port="${SUBGRAPH_PORT:-4300}"
record_port="${RECORD_PORT:-4390}"
load_cpu=0
gateway_cpu=1
out="${OUT:-$(mktemp -d /tmp/zw-gwbench.XXXXXX)}"
mkdir -p "$out"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ "$(java_major "$java" || echo 0)" -lt 21 ] 2>/dev/null; then
	for candidate in /usr/lib/jvm/*/bin/java; do
		if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then java="$candidate"; break; fi
	done
fi
[ "$(java_major "$java" || echo 0)" -ge 21 ] 2>/dev/null || { echo "needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
url="http://127.0.0.1:$gateway_port/graphql"
results="$out/results.tsv"

say() { echo "[gwbench $(date -u +%H:%M:%S)] $*" >&2; }

# --- every process started here is stopped at the end ----------------------------------------------------------------
pids=()
stop() {
	local pid="$1"
	pkill -TERM -P "$pid" 2>/dev/null || true
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null || true
}
forget() { local keep=() pid; for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done; pids=("${keep[@]}"); }
cleanup() { for pid in "${pids[@]}"; do stop "$pid"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools, peers, kit, our gateway ---------------------------------------------------------------------------------
for tool in node npm taskset curl; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
if ! command -v wrk >/dev/null; then
	say "installing wrk (Debian package)"
	apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
[ "$(nproc)" -ge 2 ] || { echo "needs 2 CPUs (load on CPU 0, the gateway on CPU 1)" >&2; exit 1; }
stamp="$peers/node_modules/.zw-lock-sha"
lock_sha="$(sha256sum "$peers/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sha" ]; then
	say "installing the peers (npm ci in $peers)"
	(cd "$peers" && npm ci --no-audit --no-fund --loglevel=error) >"$out/npm-peers.log" 2>&1
	echo "$lock_sha" >"$stamp"
fi
# The kit is shared by everyone on the machine: install it when it is not, never pull node_modules from under a
# running subgraph server (KIT_CI=1 forces npm ci).
if [ ! -d "$kit/node_modules" ] || [ "${KIT_CI:-0}" = 1 ]; then
	say "npm ci in $kit"
	(cd "$kit" && npm ci --no-audit --no-fund --loglevel=error) >"$out/npm-kit.log" 2>&1
fi
jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ -n "$(find "$repo/gateway/src/main" "$repo/gateway/pom.xml" -newer "$jar" -print -quit)" ]; then
	say "building the gateway"
	(cd "$repo" && ./mvnw -B -q package -pl gateway -am -DskipTests) >"$out/build.log" 2>&1
	jar="$(ls "$repo"/gateway/target/zielwerk-gateway-*-exec.jar | head -1)"
fi
for port in "$gateway_port" "$subgraph_port" "$record_port"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

# --- inputs ---------------------------------------------------------------------------------------------------------
case_dir="$kit/cases/reviews"
node "$here/tool.mjs" body "$case_dir/operations/bench.graphql" "$out/body.json"
sed "s#http://127.0.0.1:4300/#http://127.0.0.1:$subgraph_port/#g" "$case_dir/supergraph.graphql" >"$out/supergraph.graphql"
sed "s#http://127.0.0.1:4300/#http://127.0.0.1:$record_port/#g" "$case_dir/supergraph.graphql" >"$out/supergraph-record.graphql"
export BENCH_BODY="$out/body.json"

taskset -c "$load_cpu" node "$kit/serve-subgraphs.mjs" reviews "$subgraph_port" >"$out/subgraphs.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$subgraph_port/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$subgraph_port/health" >/dev/null || { echo "the subgraphs did not start" >&2; exit 1; }

# --- one gateway ----------------------------------------------------------------------------------------------------
gateway_pid=""
start_gateway() { # mode supergraph log
	local mode="$1" supergraph="$2" log="$3" hive=()
	case "$mode" in
	zielwerk*)
		local subgraph_dedup=true client_dedup=false heap=()
		case "$mode" in
		zielwerk-no-subgraph-dedup) subgraph_dedup=false ;;
		zielwerk-client-dedup) client_dedup=true ;;
		zielwerk-client-dedup-only) subgraph_dedup=false client_dedup=true ;;
		zielwerk-heap256) heap=(-Xmx256m) ;;
		esac
		# shellcheck disable=SC2086 # options are words
		taskset -c "$gateway_cpu" "$java" -XX:ActiveProcessorCount=1 ${GATEWAY_JAVA_OPTS:-} "${heap[@]}" -jar "$jar" --server.address=127.0.0.1 \
			--server.port="$gateway_port" --zielwerk.gateway.supergraph="$supergraph" \
			--zielwerk.gateway.deduplicate-subgraph-requests="$subgraph_dedup" \
			--zielwerk.gateway.deduplicate-client-requests="$client_dedup" >"$log" 2>&1 &
		;;
	apollo)
		(cd "$peers" && NODE_ENV=production exec taskset -c "$gateway_cpu" node apollo-gateway.mjs "$supergraph" \
			"$gateway_port") >"$log" 2>&1 &
		;;
	hive*)
		case "$mode" in
		hive-rust) hive=(--hive-router-runtime) ;;
		hive-dedup) hive=(--jit -c "$peers/hive-inbound-dedup.config.mjs") ;;
		hive-rust-dedup) hive=(--hive-router-runtime -c "$peers/hive-inbound-dedup.config.mjs") ;;
		esac
		(cd "$peers" && NODE_ENV=production exec taskset -c "$gateway_cpu" node node_modules/@graphql-hive/gateway/dist/bin.js \
			supergraph "$supergraph" --host 127.0.0.1 --port "$gateway_port" "${hive[@]}") >"$log" 2>&1 &
		;;
	*) echo "unknown mode $mode (known: $ALL_MODES)" >&2; exit 1 ;;
	esac
	gateway_pid=$!
	pids+=("$gateway_pid")
	node "$here/tool.mjs" wait "$url" 120 "$gateway_pid"
}
stop_gateway() { stop "$gateway_pid"; forget "$gateway_pid"; gateway_pid=""; }

peak_rss_mb() { # VmHWM of the process and its children
	local total=0 pid kb
	for pid in "$1" $(pgrep -P "$1" || true); do
		kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
		total=$((total + ${kb:-0}))
	done
	echo $((total / 1024))
}
cpu_ms() { # CPU time (user + system) of the process and its children so far
	local total=0 pid ticks
	for pid in "$1" $(pgrep -P "$1" || true); do
		ticks="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)"
		total=$((total + ${ticks:-0}))
	done
	echo $((total * 1000 / $(getconf CLK_TCK)))
}
subgraph_requests() {
	curl -sf "http://127.0.0.1:$subgraph_port/stats" | node -e \
		'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(Object.values(JSON.parse(s)).reduce((a,x)=>a+x.requests,0)))'
}
value() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" | head -1; }

# --- the overhead: our gateway's fetches for one bench query, sent straight to the subgraphs ------------------------
overhead=""
if [[ " $modes " == *" zielwerk "* ]]; then
	say "recording the subgraph fetches of one bench query through our gateway"
	taskset -c "$load_cpu" node "$here/tool.mjs" record "$record_port" "http://127.0.0.1:$subgraph_port" "$out/fetches.json" \
		>"$out/record.log" 2>&1 &
	record_pid=$!
	pids+=("$record_pid")
	start_gateway zielwerk "$out/supergraph-record.graphql" "$out/gateway-record.log"
	node "$here/tool.mjs" check "$url" "$out/body.json" "$case_dir/expected/bench.json" >/dev/null
	stop_gateway
	stop "$record_pid"
	forget "$record_pid"
	overhead="$(taskset -c "$load_cpu" node "$here/tool.mjs" direct "http://127.0.0.1:$subgraph_port" "$out/fetches.json" "$c1_requests")"
fi

# --- the runs -------------------------------------------------------------------------------------------------------
printf 'mode\tround\trps\tp50\tp95\tp99\tbad\tsocket_errors\trss_mb\tc1_p50\tc1_subgraph_requests\tc1_representations\tload_subgraph_requests\tload1\tbytes\tcpu_ms_per_request\tcpu_share\tc1_cpu_ms\n' >"$results"
for round in $(seq 1 "$repeat"); do
	for mode in $modes; do
		say "round $round/$repeat: $mode"
		log="$out/$mode-$round.log"
		if ! start_gateway "$mode" "$out/supergraph.graphql" "$log"; then
			say "$mode did not start (see $log)"; stop_gateway; continue
		fi
		if ! bytes="$(node "$here/tool.mjs" check "$url" "$out/body.json" "$case_dir/expected/bench.json" | value bytes)"; then
			say "$mode: wrong answer, not measured"; stop_gateway; continue
		fi
		export BENCH_BYTES="$bytes"
		taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"${warmup}s" --timeout 10s -s "$here/bench.lua" "$url" >"$out/$mode-$round-warmup.txt"
		before="$(subgraph_requests)"
		load1="$(cut -d' ' -f1 /proc/loadavg)"
		cpu_before="$(cpu_ms "$gateway_pid")"
		taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s -s "$here/bench.lua" "$url" >"$out/$mode-$round-wrk.txt"
		after="$(subgraph_requests)"
		cpu_after="$(cpu_ms "$gateway_pid")"
		line="$(grep ZWBENCH "$out/$mode-$round-wrk.txt")"
		c1_cpu_before="$(cpu_ms "$gateway_pid")"
		c1="$(taskset -c "$load_cpu" node "$here/tool.mjs" c1 "$url" "$out/body.json" "http://127.0.0.1:$subgraph_port/stats" "$c1_requests")"
		c1_cpu="$(( $(cpu_ms "$gateway_pid") - c1_cpu_before ))"
		if ! node "$here/tool.mjs" check "$url" "$out/body.json" "$case_dir/expected/bench.json" >/dev/null; then
			say "$mode: wrong answer after the load"; bytes="WRONG"
		fi
		rss="$(peak_rss_mb "$gateway_pid")"
		stop_gateway
		requests="$(value requests <<<"$line")"
		awk -v m="$mode" -v r="$round" -v n="$requests" -v d="$(value duration_us <<<"$line")" \
			-v p50="$(value p50_us <<<"$line")" -v p95="$(value p95_us <<<"$line")" -v p99="$(value p99_us <<<"$line")" \
			-v bad="$(value bad <<<"$line")" -v se="$(value socket_errors <<<"$line")" -v rss="$rss" \
			-v c1p="$(value c1_p50_ms <<<"$c1")" -v c1s="$(value c1_subgraph_requests <<<"$c1")" \
			-v c1r="$(value c1_representations <<<"$c1")" -v sr="$((after - before))" -v l="$load1" -v b="$bytes" -v cpu="$((cpu_after - cpu_before))" \
			-v c1cpu="$c1_cpu" -v c1n="$((c1_requests + 5))" \
			'BEGIN { printf "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%s\t%s\t%s\t%.2f\t%s\t%s\t%.2f\t%.0f\t%.2f\n", m, r, n / (d / 1e6), p50 / 1000, p95 / 1000, p99 / 1000, bad, se, rss, c1p, c1s, c1r, (n > 0 ? sr / n : 0), l, b, (n > 0 ? cpu / n : 0), cpu / (d / 1e3) * 100, c1cpu / c1n }' \
			>>"$results"
	done
done

echo
echo "$(date -u +%Y-%m-%d) $(uname -m), $(nproc) CPUs, $(node -v), $("$java" -version 2>&1 | head -1), wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)," \
	"${warmup} s warm-up + ${duration} s measured, $connections connections, $repeat round(s)," \
	"our gateway's extra JVM options: ${GATEWAY_JAVA_OPTS:-none}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
node "$here/tool.mjs" report "$results" "$overhead"
echo
say "raw results and logs in $out"
