#!/usr/bin/env bash
# Webhook ingestion benchmark: builds the jar, starts Rebound on H2 and then on PostgreSQL (Debian's
# postgresql package, started locally in a temporary directory), posts real ADF alert bodies with
# wrk over loopback for a bounded time while Databricks job failures keep arriving whose
# enrichment call hits a WireMock Databricks that answers after 2 s, and prints accepted
# deliveries/s and p50/p99 latency at 16 and at 32 concurrent senders posting as fast as they are
# answered, then 32 paced senders while the backlog drains. Everything it starts is stopped on exit.
#
# Each database first gets a 60 s warm-up under the same load: for its first minute under load the
# JVM is still compiling the hot path (the C2 compiler took about 30 % of the CPU samples in the
# first 35 s), which is not how a long-running service behaves.
#
#   bench/webhooks.sh                  # 60 s warm-up, then 30 s at each concurrency, per database
#   DURATION=60s WARMUP=120s bench/webhooks.sh
#   CONCURRENCY="8 16 32 64" bench/webhooks.sh
#   DATABASES=h2 bench/webhooks.sh     # only one of them
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-60s}
CONCURRENCY=${CONCURRENCY:-16 32}
PACED_THINK_MS=${PACED_THINK_MS:-12}
THREADS=${THREADS:-2}
DATABASES=${DATABASES:-h2 pg}
APP_PORT=18080
MOCK_PORT=18089
PG_PORT=15432
SECRET=bench-azure-monitor-secret
WORK=$(mktemp -d /tmp/rebound-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/pg/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -m fast stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PG_BIN" ]; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

echo "== building"
mvn -B -q -DskipTests package
JAR=$(ls target/rebound-*.jar | grep -v original | head -1)
WIREMOCK=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar | tail -1)

echo "== WireMock Databricks on 127.0.0.1:$MOCK_PORT (runs/get answers after 2 s)"
mkdir -p "$WORK/mock/mappings" "$WORK/mock/__files"
cp ../shared/payloads/databricks/databricks_runs_get_failed_run_execution_error.json "$WORK/mock/__files/run.json"
cp ../shared/payloads/databricks/databricks_runs_get_output_error_verbatim.json "$WORK/mock/__files/output.json"
cat > "$WORK/mock/mappings/run.json" <<JSON
{"request": {"method": "GET", "urlPath": "/api/2.2/jobs/runs/get"},
 "response": {"status": 200, "bodyFileName": "run.json", "fixedDelayMilliseconds": 2000,
              "headers": {"Content-Type": "application/json"}}}
JSON
cat > "$WORK/mock/mappings/output.json" <<JSON
{"request": {"method": "GET", "urlPath": "/api/2.2/jobs/runs/get-output"},
 "response": {"status": 200, "bodyFileName": "output.json", "fixedDelayMilliseconds": 2000,
              "headers": {"Content-Type": "application/json"}}}
JSON
java -jar "$WIREMOCK" --bind-address 127.0.0.1 --port $MOCK_PORT --root-dir "$WORK/mock" \
  --disable-banner >"$WORK/wiremock.log" 2>&1 &
PIDS+=($!)

start_app() { # $1 = label, rest = extra environment
  local label=$1; shift
  env REBOUND_SECURITY_API_TOKENS=admin:bench-admin-token \
    REBOUND_WEBHOOKS_AZURE_MONITOR_SECRET=$SECRET \
    REBOUND_WEBHOOKS_DATABRICKS_SECRET=bench-databricks-secret \
    REBOUND_SECURITY_GENERATED_SECRETS_FILE="$WORK/generated-secrets.properties" \
    DATABRICKS_HOST=http://127.0.0.1:$MOCK_PORT DATABRICKS_TOKEN=bench \
    PORT=$APP_PORT SERVER_ADDRESS=127.0.0.1 "$@" \
    java -Xmx1g -jar "$ROOT/$JAR" >"$WORK/app-$label.log" 2>&1 &
  APP_PID=$!
  PIDS+=($APP_PID)
  for _ in $(seq 1 120); do
    curl -sf http://127.0.0.1:$APP_PORT/actuator/health >/dev/null && return 0
    sleep 1
  done
  echo "Rebound did not start; log: $WORK/app-$label.log" >&2
  tail -50 "$WORK/app-$label.log" >&2
  return 1
}

run_load() { # $1 = label
  local label=$1
  # Databricks job failures keep arriving (10/s); each one's enrichment waits 2 s on WireMock.
  ( while true; do
      curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
        -H 'X-Api-Key: bench-databricks-secret' \
        --data-binary @../shared/payloads/databricks/databricks_job_failure.json \
        http://127.0.0.1:$APP_PORT/webhooks/databricks
      sleep 0.1
    done ) &
  local feeder=$!
  PIDS+=($feeder)
  wrk -t"$THREADS" -c32 -d"$WARMUP" -s bench/webhooks.lua http://127.0.0.1:$APP_PORT \
    | sed 's/^RESULT/warm-up/' | grep warm-up
  local c
  for c in $CONCURRENCY; do
    wrk -t"$THREADS" -c"$c" -d"$DURATION" --latency -s bench/webhooks.lua \
      http://127.0.0.1:$APP_PORT | tee "$WORK/wrk-$label-$c.txt" | grep RESULT
    echo "$label connections=$c $(grep RESULT "$WORK/wrk-$label-$c.txt")" >>"$WORK/summary.txt"
  done
  # Paced: 32 senders that each wait 12 ms after an answer (about 1,500 posts/s here). It runs
  # two minutes into the storm, when the first overflowed deliveries' leases run out and the sweep
  # starts draining the backlog: what intake latency looks like while processing catches up.
  THINK_MS=$PACED_THINK_MS wrk -t"$THREADS" -c32 -d"$DURATION" --latency -s bench/webhooks.lua \
    http://127.0.0.1:$APP_PORT | tee "$WORK/wrk-$label-paced.txt" | grep RESULT
  echo "$label paced(32 senders, ${PACED_THINK_MS} ms think time) $(grep RESULT "$WORK/wrk-$label-paced.txt")" >>"$WORK/summary.txt"
  kill $feeder 2>/dev/null || true
  # processing is asynchronous: how far behind was it when the load stopped, and 30 s later?
  local now later
  now=$(curl -s -H 'Authorization: Bearer bench-admin-token' \
    "http://127.0.0.1:$APP_PORT/api/deliveries?status=received&size=1" | grep -o '"total":[0-9]*')
  sleep 30
  later=$(curl -s -H 'Authorization: Bearer bench-admin-token' \
    "http://127.0.0.1:$APP_PORT/api/deliveries?status=received&size=1" | grep -o '"total":[0-9]*')
  echo "$label unprocessed_at_end=${now#*:} unprocessed_30s_later=${later#*:}" >>"$WORK/summary.txt"
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
}

if [[ " $DATABASES " == *" h2 "* ]]; then
echo "== H2 (file under $WORK)"
start_app h2 SPRING_DATASOURCE_URL="jdbc:h2:file:$WORK/h2/rebound;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
run_load h2
stop_app
fi

if [[ " $DATABASES " == *" pg "* ]]; then
echo "== PostgreSQL ($PG_BIN)"
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg" 2>/dev/null || true
chmod 755 "$WORK"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $WORK/pg -A trust -U postgres" >/dev/null
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -o '-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1' -l $WORK/pg/log -w start" >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p $PG_PORT -U postgres rebound 2>/dev/null || psql -h 127.0.0.1 -p $PG_PORT -U postgres -c 'CREATE DATABASE rebound' >/dev/null
start_app pg SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/rebound \
  SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
run_load pg
stop_app
fi

echo "== summary (accepted deliveries/s and latency of ADF alert posts while Databricks answers in 2 s, after ${WARMUP} of warm-up)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
cat "$WORK/summary.txt"
