#!/usr/bin/env bash
# Crash harness (RELIABILITY.md): does Rebound lose, double or strand anything when the JVM is
# killed with kill -9 at random moments? Builds the jar, starts a Databricks stand-in (WireMock
# standalone from ~/.m2) that counts every call, posts distinct Databricks cluster failures
# (DRIVER_UNREACHABLE, each on its own cluster, so each is its own incident) to /webhooks/databricks
# with the webhook secret, kills the JVM with SIGKILL at random moments (during intake, between
# decision and plan, during a backoff wait, mid-action), restarts it on the same database, and at
# the end counts per failure: deliveries answered 202 vs stored, incidents, successful
# clusters/start calls (want exactly one per failure) and the final status (RESOLVED or ESCALATED,
# never stuck). Runs on H2 (the shipped default URL, file under a temporary folder) and on
# PostgreSQL (Debian's postgresql package, started locally in a temporary folder). Everything
# listens on 127.0.0.1 ports 18400-18402 and is stopped on exit. Not part of mvn verify.
#
#   bench/crash.sh                          # 200 failures, 20 kills, on H2 then PostgreSQL
#   FAILURES=400 KILLS=30 bench/crash.sh
#   DATABASES=pg SEED=7 bench/crash.sh      # one database, a reproducible sequence of kill delays
#   SKIP_BUILD=1 bench/crash.sh             # reuse target/rebound-*.jar
#   KILLS=5 MAX_KILL_DELAY=1 bench/crash.sh # 40 posts a round, each round killed within 1 s: intake
#   EXTRA_ARGS="'--spring.datasource.url=jdbc:h2:file:./data/rebound;MODE=PostgreSQL'" \
#     DATABASES=h2 bench/crash.sh           # more arguments for the service (quoted for a shell)
#
# The policy is a copy of rules/ and decision-tables/ (REBOUND_POLICY_DIR) whose
# DatabricksDriverNotResponding row waits 2 s before the first restart and 3 s before the retry,
# with no fallback: the shipped workbooks are not touched. The stand-in answers clusters/get
# TERMINATED until a clusters/start succeeded, then RUNNING; every fifth cluster's first
# clusters/start answers 500 (a backoff wait, then a retry); every clusters/start takes 400 ms.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
FAILURES=${FAILURES:-200}
KILLS=${KILLS:-20}
DATABASES=${DATABASES:-h2 pg}
SEED=${SEED:-}
EXTRA_ARGS=${EXTRA_ARGS:-}
MAX_KILL_DELAY=${MAX_KILL_DELAY:-5}
APP_PORT=18400
STAND_IN_PORT=18401
PG_PORT=18402
SECRET=crash-databricks-secret
ADMIN_TOKEN=crash-admin-token
WORK=$(mktemp -d /tmp/rebound-crash.XXXXXX)
RESULTS=${RESULTS:-$ROOT/target/crash}
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/pg/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ " $DATABASES " == *" pg "* && -z "$PG_BIN" ]]; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building"
  mvn -B -q -DskipTests package
fi
JAR=$(ls "$ROOT"/target/rebound-*.jar | grep -v original | head -1)
WIREMOCK=$(ls ~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar | tail -1)
PAYLOADS=$ROOT/src/test/resources/shared/payloads/databricks
mkdir -p "$RESULTS"

echo "== policy copy with short backoffs in $WORK/policy"
mkdir -p "$WORK/lib" "$WORK/policy"
(cd "$WORK/lib" && unzip -q -j "$JAR" 'BOOT-INF/lib/*.jar')
cp -r rules decision-tables "$WORK/policy/"
java -cp "$WORK/lib/*" bench/CrashPolicy.java "$WORK/policy/decision-tables/playbooks.xlsx" \
  Playbooks DatabricksDriverNotResponding C=2 "D=2, 3" G=

echo "== Databricks stand-in (WireMock) on 127.0.0.1:$STAND_IN_PORT"
mkdir -p "$WORK/mock/mappings" "$WORK/mock/__files"
java -jar "$WIREMOCK" --bind-address 127.0.0.1 --port $STAND_IN_PORT --root-dir "$WORK/mock" \
  --disable-banner >"$WORK/wiremock.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$STAND_IN_PORT/__admin/mappings" >/dev/null && break
  sleep 1
done

APP_ARGS=(
  --server.port=$APP_PORT --server.address=127.0.0.1
  --rebound.policy.dir="$WORK/policy"
  --rebound.databricks.host=http://127.0.0.1:$STAND_IN_PORT --rebound.databricks.token=crash-token
  --rebound.webhooks.databricks.secret=$SECRET
  --rebound.security.api-tokens=admin:$ADMIN_TOKEN
  --rebound.security.generated-secrets-file="$WORK/generated-secrets.properties"
  # short waits so a run settles in minutes; a dead instance's tasks are taken over after 6 s
  --rebound.remediation.scheduler.polling-interval=200ms
  --rebound.remediation.scheduler.heartbeat-interval=1s
  --rebound.remediation.scheduler.retry-after-error=2s
  --rebound.remediation.health-poll-interval=1s
  --rebound.remediation.watchdog.interval=5s --rebound.remediation.watchdog.grace=10s
  --rebound.ingest.lease=5s --rebound.ingest.sweep-interval=2s --rebound.ingest.retry-backoff=2s
  # hundreds of restarts in minutes are what this run is about: no budget or breaker stops them
  --rebound.remediation.budget.max-actions-per-day=100000
  --rebound.remediation.budget.max-actions-per-resource-per-hour=100
  # (breakers are resilience4j configs since the executor rewrite; the platform breaker would
  # otherwise open after five 500s in a row from the stand-in and escalate everything after them)
  --resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=100000
  --resilience4j.circuitbreaker.configs.platform.minimum-number-of-calls=100000
)

run_database() { # $1 = label, $2 = extra arguments
  local label=$1 extra=$2
  mkdir -p "$WORK/$label"
  echo "== $label: $FAILURES failures, $KILLS kills (log: $RESULTS/app-$label.log)"
  : >"$RESULTS/app-$label.log"
  curl -s -X POST "http://127.0.0.1:$STAND_IN_PORT/__admin/reset" >/dev/null
  python3 bench/crash_driver.py --label "$label" \
    --command "exec java -Xmx768m -XX:TieredStopAtLevel=1 -jar $JAR ${APP_ARGS[*]} $extra $EXTRA_ARGS" \
    --workdir "$WORK/$label" --log "$RESULTS/app-$label.log" \
    --port $APP_PORT --stand-in-port $STAND_IN_PORT --secret $SECRET --admin-token $ADMIN_TOKEN \
    --body "$PAYLOADS/databricks_cluster_get_terminated_driver_unreachable.json" \
    --running-body "$PAYLOADS/databricks_cluster_get_running_verbatim.json" \
    --failures "$FAILURES" --kills "$KILLS" --max-kill-delay "$MAX_KILL_DELAY" ${SEED:+--seed $SEED} \
    --summary "$RESULTS/summary-$label.json"
}

if [[ " $DATABASES " == *" h2 "* ]]; then
  # no datasource setting: the shipped default URL, ./data/rebound under the run's folder
  run_database h2 ""
fi

if [[ " $DATABASES " == *" pg "* ]]; then
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" && chmod 755 "$WORK"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D $WORK/pg -A trust -U postgres" >/dev/null
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -o '-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1' -l $WORK/pg/log -w start" >/dev/null
  psql -h 127.0.0.1 -p $PG_PORT -U postgres -qc 'CREATE DATABASE rebound' >/dev/null
  run_database pg "--spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/rebound --spring.datasource.username=postgres --spring.datasource.password="
fi

echo "== summaries in $RESULTS (load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
