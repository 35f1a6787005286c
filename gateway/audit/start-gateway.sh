#!/bin/sh
# Started by the audit's CLI once per scenario (`sh start-gateway.sh SCENARIO`, see ../run-audit.sh):
# fetches the scenario's supergraph from the audit's subgraph server and runs the Zielwerk gateway on it.
# exec, so that the CLI's kill reaches the JVM itself.
set -e
scenario="$1"
supergraph="$ZW_AUDIT_WORK/supergraphs/$scenario.graphql"
mkdir -p "$ZW_AUDIT_WORK/supergraphs"
# The audit's server listens before it has registered the scenarios' routes: 404 until then.
tries=0
until curl -sf "http://127.0.0.1:$ZW_AUDIT_SUBGRAPH_PORT/$scenario/supergraph" -o "$supergraph"; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "no supergraph for $scenario" >&2; exit 1; }
  sleep 0.5
done
exec "$ZW_AUDIT_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss2m -jar "$ZW_AUDIT_JAR" \
  --server.address=127.0.0.1 --server.port="$ZW_AUDIT_GATEWAY_PORT" \
  --zielwerk.gateway.supergraph="$supergraph"
