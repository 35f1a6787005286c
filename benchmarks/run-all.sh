#!/usr/bin/env bash
# Every benchmark of the project in one command, one summary table at the end (BENCHMARKS.md, top):
#   benchmarks/run-all.sh                 # everything with each benchmark's own defaults (long: the gateway alone ~9 min)
#   QUICK=1 benchmarks/run-all.sh         # a smoke run: tiny sizes and seconds-long windows (figures mean nothing)
#   ONLY="ingest relay" benchmarks/run-all.sh   # some of them (names as in the table's first column)
#   benchmarks/run-all.sh --list          # what would run
# What counts as a benchmark (so that new ones are picked up without editing this script):
#   - every benchmarks/<name>/run.sh                          → name "<name>" (e.g. gateway, gateway-faults)
#   - the modes of the benchmarks jar (JAR_MODES below)        → "ingest", "relay", ...
#   - further main classes of the benchmarks jar (JAR_CLASSES)  → "connectors" (the 1M-member sync)
#   - every test class <module>/src/test/java/**/<X>Benchmark.java, run with failsafe → "<module>:<X>Benchmark"
# Each one's full output goes to $OUT/<name>.log; the table shows its headline figures (the lines the benchmark marks
# as its result), whether it ran, and how long it took. Tables the run.sh scripts print are repeated below the summary.
# Environment: QUICK, ONLY, OUT [a new /tmp/zw-bench-all.* folder], JAR_MODES ["ingest relay"],
# ZW_BENCH_POSTGRES_URL / ZW_BENCH_REDIS_URL (the jar's embedded runs), ZW_TEST_POSTGRES_URL / ZW_TEST_REDIS_URL
# (the module benchmarks; else Testcontainers or embedded, as for tests).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"
quick="${QUICK:-}"
only="${ONLY:-}"
jar_modes="${JAR_MODES:-ingest relay}"
# name=class, started through Spring Boot's PropertiesLauncher with loader.main (BENCHMARKS.md, "Connectors")
jar_classes="${JAR_CLASSES:-connectors=dev.zielwerk.bench.ConnectorsBenchmark}"
jar_class_java_opts="${JAR_CLASS_JAVA_OPTS:--Xmx256m}"
out="${OUT:-$(mktemp -d /tmp/zw-bench-all.XXXXXX)}"
mkdir -p "$out"
summary="$out/summary.tsv"
: >"$summary"

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ] 2>/dev/null; then
	for dir in /usr/lib/jvm/*; do
		[ -x "$dir/bin/java" ] && [ "$(java_major "$dir" || echo 0)" -ge 21 ] 2>/dev/null && JAVA_HOME="$dir"
	done
fi
[ -n "${JAVA_HOME:-}" ] || { echo "needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

say() { echo "[bench-all $(date -u +%H:%M:%S)] $*" >&2; }

# --- what there is -------------------------------------------------------------------------------------------------
scripts=()
for script in "$here"/*/run.sh; do [ -x "$script" ] || [ -f "$script" ] && scripts+=("$script"); done
module_benchmarks=()
while IFS= read -r file; do module_benchmarks+=("$file"); done < <(
	find . -path ./benchmarks -prune -o -path '*/src/test/java/*' -name '*Benchmark.java' -print 2>/dev/null | sort)

names=()
for mode in $jar_modes; do names+=("$mode"); done
for entry in $jar_classes; do names+=("${entry%%=*}"); done
for script in "${scripts[@]}"; do names+=("$(basename "$(dirname "$script")")"); done
for file in "${module_benchmarks[@]}"; do
	module="${file#./}"; module="${module%%/*}"
	names+=("$module:$(basename "$file" .java)")
done

wanted() { [ -z "$only" ] && return 0; local name; for name in $only; do [ "$name" = "$1" ] && return 0; done; return 1; }

if [ "${1:-}" = "--list" ]; then
	for name in "${names[@]}"; do wanted "$name" && echo "$name"; done
	exit 0
fi

# --- running one -----------------------------------------------------------------------------------------------------
# record NAME STATUS SECONDS HEADLINE
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$summary"; }

run() { # run NAME HEADLINE-EXTRACTOR COMMAND...
	local name="$1" extract="$2" log="$out/${1//[:\/]/-}.log" started status headline
	shift 2
	say "$name: $*  (log: $log)"
	started=$(date +%s)
	"$@" >"$log" 2>&1
	status=$?
	headline="$($extract "$log" | tr '\n' ';' | sed 's/;$//; s/;/; /g; s/|/\\|/g')"
	if [ "$status" -eq 0 ]; then
		record "$name" "ok" "$(( $(date +%s) - started ))" "${headline:-(no figures found; see the log)}"
	else
		record "$name" "FAILED ($status)" "$(( $(date +%s) - started ))" "$(tail -3 "$log" | tr '\n' ' ' | cut -c1-200 | sed 's/|/\\|/g')"
	fi
}

jar_headline() { grep -E '^  (events/s|latency/request|requests|rows/s|drained in) ' "$1" | sed 's/^  //; s/  */ /g'; }
maven_headline() { grep -E '^BENCHMARK ' "$1" | sed 's/^BENCHMARK //' | cut -c1-300; }
table_headline() {
	local rows first
	rows=$(grep -cE '^\| ' "$1" || true)
	first=$(grep -E '^\| ' "$1" | sed -n 3p | cut -d'|' -f2-5)
	[ "${rows:-0}" -gt 2 ] && echo "$((rows - 2)) rows (table below); first: ${first}"
}

# the rows of a markdown table the benchmark prints, first four columns each
rows_headline() { grep -E '^\| ' "$1" | sed '1d' | cut -d'|' -f2-5 | sed 's/  */ /g'; }

jar="$repo/benchmarks/target/zielwerk-benchmarks.jar"
need_jar() {
	[ -f "$jar" ] && [ -z "$(find benchmarks/src profile-service/src -newer "$jar" -type f 2>/dev/null | head -1)" ] && return 0
	say "building the benchmarks jar"
	./mvnw -B -q -pl benchmarks -am package -DskipTests >"$out/build.log" 2>&1 || { say "build failed: $out/build.log"; return 1; }
}

for mode in $jar_modes; do
	wanted "$mode" || continue
	need_jar || { record "$mode" "FAILED (build)" 0 "see $out/build.log"; continue; }
	args=(--embedded)
	[ "$mode" = "ingest" ] || args=("$mode" "${args[@]}")
	[ -n "${ZW_BENCH_POSTGRES_URL:-}" ] && args+=("--postgres=$ZW_BENCH_POSTGRES_URL")
	[ -n "${ZW_BENCH_REDIS_URL:-}" ] && args+=("--redis=$ZW_BENCH_REDIS_URL")
	if [ -n "$quick" ]; then
		case "$mode" in
			ingest) args+=(--users=500 --warmup=2s --duration=5s) ;;
			relay) args+=(--rows=5000) ;;
		esac
	fi
	run "$mode" jar_headline java -jar "$jar" "${args[@]}"
done

for entry in $jar_classes; do
	name="${entry%%=*}"
	wanted "$name" || continue
	need_jar || { record "$name" "FAILED (build)" 0 "see $out/build.log"; continue; }
	args=()
	[ -n "${ZW_BENCH_POSTGRES_URL:-}" ] && args+=("--postgres=$ZW_BENCH_POSTGRES_URL")
	[ -n "${ZW_BENCH_REDIS_URL:-}" ] && args+=("--redis=$ZW_BENCH_REDIS_URL")
	[ -n "$quick" ] && args+=(--members=2000 --page-size=500)
	# shellcheck disable=SC2086
	run "$name" rows_headline java $jar_class_java_opts -Dloader.main="${entry#*=}" -cp "$jar" \
		org.springframework.boot.loader.launch.PropertiesLauncher "${args[@]}"
done

for script in "${scripts[@]}"; do
	name="$(basename "$(dirname "$script")")"
	wanted "$name" || continue
	if [ -n "$quick" ]; then
		# the gateway benchmark's own knobs; other scripts read QUICK
		run "$name" table_headline env QUICK=1 MODES="${MODES:-zielwerk}" WARMUP=2 DURATION=3 C1_REQUESTS=10 \
			OUT="$out/$name" bash "$script"
	else
		run "$name" table_headline env OUT="$out/$name" bash "$script"
	fi
done

for file in "${module_benchmarks[@]}"; do
	module="${file#./}"; module="${module%%/*}"
	class="$(basename "$file" .java)"
	wanted "$module:$class" || continue
	properties=()
	[ -n "$quick" ] && properties=(-Dbenchmark.events=500 -Dbenchmark.rates=200 -Dbenchmark.seconds=3
		-Dbenchmark.requests=100 -Dbenchmark.profiles=1000 -Dbenchmark.members=1000 -Dbenchmark.quick=true)
	run "$module:$class" maven_headline ./mvnw -B verify -pl "$module" -am -Dtest=NONE \
		-Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
		-Dit.test="$class" "${properties[@]}"
done

# --- the table -------------------------------------------------------------------------------------------------------
for script in "${scripts[@]}"; do
	name="$(basename "$(dirname "$script")")"
	log="$out/$name.log"
	[ -f "$log" ] && grep -qE '^\| ' "$log" && { echo; echo "### $name"; echo; grep -E '^\| ' "$log"; }
done
echo
echo "## All benchmarks ($(date -u +%Y-%m-%d\ %H:%M) UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)${quick:+, QUICK smoke run: figures mean nothing})"
echo
echo "| benchmark | result | seconds | headline figures |"
echo "|---|---|---|---|"
while IFS=$'\t' read -r name status seconds headline; do
	echo "| $name | $status | $seconds | $headline |"
done <"$summary"
echo
echo "Logs: $out"
! grep -q $'\tFAILED' "$summary"
