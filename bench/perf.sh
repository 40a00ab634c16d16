#!/usr/bin/env bash
# Issue 12 benchmarks of the HTTP paths, the storm, start-up and memory (BENCHMARKS.md, "Issue 12").
# Starts the given jar on a fresh H2 file database on 127.0.0.1, runs one measurement, stops it.
#
#   bench/perf.sh startup            # java -jar to the first 200 of /actuator/health/readiness
#   bench/perf.sh whatif             # wrk -c16 on POST /api/decisions/evaluate (README example)
#   bench/perf.sh latency            # sequential client: ADF + Databricks posts, p50/p95/p99
#                                    # (WARMUP_ROUNDS=10000 untimed rounds first, ROUNDS=100 timed)
#   ADF_SECRET=x DATABRICKS_SECRET=x EXPECT_STATUS=401 bench/perf.sh latency  # the same client's
#                                    # floor: posts refused at authentication, nothing stored
#   bench/perf.sh storm              # wrk storm of 4 repeating ADF alerts; accepted vs decided/s
#   DISTINCT=1 bench/perf.sh storm   # the same with every post a new failure
#   bench/perf.sh rss                # VmRSS while ~1,000 webhooks/s are posted
#   WORKBOOK=playbooks.xlsx bench/perf.sh policy   # a candidate compiled and replayed in the
#                                    # running service after a storm of distinct failures: does
#                                    # the heap given hold it (RSS, full GCs, any OutOfMemoryError)
#   bench/perf.sh receiver           # the Python stdlib + sqlite3 yardstick for `latency`
#
# JAR=path/to.jar picks the build (default: target/rebound-*.jar, built when missing);
# JAVA_OPTS adds JVM flags (for example -XX:StartFlightRecording=...). PORT defaults to 18560.
# LAUNCH picks how the jar is started: fat (default: java -jar on the jar as built), extracted
# (`-Djarmode=tools extract` first) or image (extracted, with the class data sharing archive and
# the JVM flags of the Docker image's JAVA_TOOL_OPTIONS: docker/cds-archive.sh, docker/Dockerfile;
# the archive is written before the measurement and not timed).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:?mode: startup | whatif | latency | storm | rss | receiver}
PORT=${PORT:-18560}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-45s}
WORK=$(mktemp -d /tmp/rebound-perf.XXXXXX)
export REBOUND_PAYLOADS=${REBOUND_PAYLOADS:-$(pwd)/src/test/resources/shared/payloads}
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  cp "$WORK/app.log" "${LOG_COPY:-/tmp/rebound-perf-last.log}" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

if [ -z "${JAR:-}" ]; then
  JAR=$(ls target/rebound-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$JAR" ]; then mvn -B -q -DskipTests package; JAR=$(ls target/rebound-*.jar | head -1); fi
fi

now_ms() { date +%s%3N; }

# The jar as LAUNCH starts it, and the flags that go with it.
case "${LAUNCH:-fat}" in
  fat) ;;
  extracted|image)
    java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
    JAR="$WORK/app/$(basename "$JAR")"
    if [ "$LAUNCH" = image ]; then
      docker/cds-archive.sh "$JAR" >&2
      IMAGE_OPTS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' docker/Dockerfile)
      JAVA_OPTS="${IMAGE_OPTS//\/app\/rebound.jsa/${JAR%.jar}.jsa} ${JAVA_OPTS:-}"
      export MALLOC_ARENA_MAX=2
    fi
    ;;
  *) echo "LAUNCH: fat | extracted | image" >&2; exit 2 ;;
esac

# Starts the jar; sets APP_PID and READY_MS (launch to the first 200 of readiness).
start_app() {
  local t0; t0=$(now_ms)
  (cd "$WORK" && exec env REBOUND_SECURITY_API_TOKENS=admin:bench-admin-token \
    REBOUND_WEBHOOKS_AZURE_MONITOR_SECRET=bench-azure-monitor-secret \
    REBOUND_WEBHOOKS_DATABRICKS_SECRET=bench-databricks-secret \
    REBOUND_SECURITY_GENERATED_SECRETS_FILE="$WORK/generated-secrets.properties" \
    PORT=$PORT SERVER_ADDRESS=127.0.0.1 \
    java ${JAVA_OPTS:-} -jar "$(realpath "$OLDPWD/$JAR" 2>/dev/null || echo "$JAR")" >"$WORK/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 3000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; then
      READY_MS=$(( $(now_ms) - t0 )); READY_CPU_MS=$(cpu_ms); return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.02
  done
  echo "Rebound did not start; log:" >&2; tail -40 "$WORK/app.log" >&2; exit 1
}

undecided() {
  curl -s -H 'Authorization: Bearer bench-admin-token' \
    "http://127.0.0.1:$PORT/api/deliveries?status=received&size=1" | grep -o '"total":[0-9]*' | cut -d: -f2
}

# CPU time (user + system, ms) the service has used so far: per request it says what a request
# costs whatever else the machine is doing (seven builds share these two cores).
cpu_ms() { awk '{ print ($14 + $15) * 10 }' "/proc/$APP_PID/stat"; }
# CPU time (ms) per thread group: the JIT compiler's share shrinks as the JVM warms up and is not
# what a request costs in a long-running service, so it is reported apart (jit=...).
cpu_groups() {
  for t in /proc/$APP_PID/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(awk '{ print ($14 + $15) * 10 }' "$t/stat" 2>/dev/null)"
  done | awk -F'\t' '{ g = "other" }
    $1 ~ /^C[12] Compiler/ { g = "jit" } $1 ~ /^(GC |G1 )/ { g = "gc" }
    $1 ~ /^http-nio/ { g = "http" } $1 ~ /writer/ { g = "writers" } $1 ~ /worker/ { g = "workers" }
    { sum[g] += $2 } END { for (g in sum) printf "%s=%d ", g, sum[g] }'
}
# Appends cpu_us_per_req to a RESULT line that carries requests= or accepted=.
per_request() {
  local before=$1 line; line=$(cat)
  local n; n=$(grep -o -E '(requests|accepted)=[0-9]+' <<<"$line" | head -1 | cut -d= -f2)
  local groups_now; groups_now=$(cpu_groups)
  local jit_now; jit_now=$(grep -o 'jit=[0-9]*' <<<"$groups_now" | cut -d= -f2)
  local jit_before; jit_before=$(grep -o 'jit=[0-9]*' <<<"$GROUPS_BEFORE" | cut -d= -f2)
  local total=$(( $(cpu_ms) - before )) jit=$(( ${jit_now:-0} - ${jit_before:-0} ))
  local by_group; by_group=$(awk -v before="$GROUPS_BEFORE" -v now="$groups_now" -v n="$n" 'BEGIN {
      split(before, b, " "); for (i in b) { split(b[i], kv, "="); was[kv[1]] = kv[2] }
      split(now, a, " "); for (i in a) { split(a[i], kv, "="); if (kv[1] != "")
        printf "%s=%d ", kv[1], (kv[2] - was[kv[1]]) * 1000 / (n > 0 ? n : 1) } }')
  echo "$line cpu_us_per_req=$(( total * 1000 / (n > 0 ? n : 1) )) without_jit_us_per_req=$(( (total - jit) * 1000 / (n > 0 ? n : 1) )) us_per_req_by_threads[$by_group] cpu_ms_by_threads_before[$GROUPS_BEFORE] after[$groups_now]"
}

# PROFILE=/path/file.jfr: a JFR recording (settings=profile) of the measured part only.
[ -n "${PROFILE:-}" ] && JAVA_OPTS="${JAVA_OPTS:-} -XX:FlightRecorderOptions=stackdepth=256"
profile_start() {
  [ -n "${PROFILE:-}" ] && jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$PROFILE" >/dev/null || true
}
profile_stop() {
  [ -n "${PROFILE:-}" ] && jcmd "$APP_PID" JFR.stop name=bench >/dev/null || true
}

stop_app() { kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

load() { echo "load=$(cut -d' ' -f1 /proc/loadavg)"; }

case "$MODE" in
  startup)
    start_app; first=$READY_MS; first_cpu=$READY_CPU_MS; stop_app
    start_app
    echo "RESULT startup launch=${LAUNCH:-fat} first_start_ms=$first restart_ms=$READY_MS cpu_ms_to_ready_first=$first_cpu cpu_ms_to_ready_restart=$READY_CPU_MS $(load)"
    ;;
  whatif)
    start_app
    wrk -t2 -c16 -d"$WARMUP" -s bench/whatif.lua "http://127.0.0.1:$PORT" >/dev/null
    profile_start; c0=$(cpu_ms); GROUPS_BEFORE=$(cpu_groups)
    wrk -t2 -c16 -d"$DURATION" --latency -s bench/whatif.lua "http://127.0.0.1:$PORT" | grep RESULT \
      | per_request "$c0" | sed "s/\$/ $(load)/"
    profile_stop
    ;;
  latency)
    start_app
    # 10,000 untimed rounds: after 300 the JIT was still compiling (5-6 ms of its CPU per timed
    # post), so the figure was start-up, not the steady state of a receiver in service
    python3 bench/seq_latency.py "http://127.0.0.1:$PORT" 0 "${WARMUP_ROUNDS:-10000}"
    profile_start; c0=$(cpu_ms); GROUPS_BEFORE=$(cpu_groups)
    python3 bench/seq_latency.py "http://127.0.0.1:$PORT" "${ROUNDS:-100}" 0 | sed "s/\$/ $(load)/"
    profile_stop
    # the service's CPU per post over the timed rounds (each round is two posts), deciding included
    echo "RESULT latency requests=$(( ${ROUNDS:-100} * 2 ))" | per_request "$c0"
    ;;
  receiver)
    python3 bench/python_receiver.py "$PORT" "$WORK/receiver.db" & APP_PID=$!
    sleep 1
    python3 bench/seq_latency.py "http://127.0.0.1:$PORT" "${ROUNDS:-100}" "${WARMUP_ROUNDS:-300}" \
      | sed "s/^RESULT/RESULT python-sqlite/; s/\$/ $(load)/"
    ;;
  storm)
    # Warm-up storm, wait until decided, then the measured storm: accepted/s from wrk, the undecided
    # backlog every second, and how long after the storm's end the backlog is back to zero.
    start_app
    wrk -t2 -c"${CONNECTIONS:-32}" -d"$WARMUP" -s bench/webhooks.lua "http://127.0.0.1:$PORT" >/dev/null
    for _ in $(seq 1 600); do [ "$(undecided)" = 0 ] && break; sleep 1; done
    ( while sleep 1; do echo "$(now_ms) $(undecided)"; done ) >"$WORK/backlog.txt" & SAMPLER=$!
    profile_start
    c0=$(cpu_ms); GROUPS_BEFORE=$(cpu_groups)
    wrk -t2 -c"${CONNECTIONS:-32}" -d"$DURATION" --latency -s bench/webhooks.lua "http://127.0.0.1:$PORT" \
      | grep RESULT | sed "s/\$/ $(load)/"
    end=$(now_ms); max=0
    while true; do
      left=$(undecided)
      [ "$left" = 0 ] && break
      [ $(( $(now_ms) - end )) -gt 300000 ] && break
      sleep 0.2
    done
    kill $SAMPLER 2>/dev/null || true
    profile_stop
    max=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' "$WORK/backlog.txt")
    echo "RESULT storm cpu_ms_storm_and_drain=$(( $(cpu_ms) - c0 )) backlog_max=$max undecided_after_end=$left drained_ms_after_end=$(( $(now_ms) - end )) $(load) cpu_ms_by_threads_before[$GROUPS_BEFORE] after[$(cpu_groups)]"
    ;;
  rss)
    # ~1,000 posts/s: 16 senders that wait 15 ms after each answer. VmRSS sampled every second.
    start_app
    # VmRSS, then its anonymous part (heap, metaspace, code, malloc) and its file-backed part
    # (mapped jars and the CDS archive: shared with any other JVM mapping the same files), in kB.
    ( while sleep 1; do
        awk '/^(VmRSS|RssAnon|RssFile):/ { printf "%s ", $2 } END { print "" }' /proc/$APP_PID/status 2>/dev/null
      done ) >"$WORK/rss.txt" & SAMPLER=$!
    THINK_MS=${THINK_MS:-15} wrk -t2 -c16 -d"${DURATION}" --latency -s bench/webhooks.lua \
      "http://127.0.0.1:$PORT" | grep RESULT
    kill $SAMPLER 2>/dev/null || true
    [ -n "${NMT:-}" ] && jcmd "$APP_PID" VM.native_memory summary >"$NMT" 2>&1
    read -r max anon file < <(sort -n "$WORK/rss.txt" | tail -1)
    echo "RESULT rss max_kb=$max anon_kb_at_max=$anon file_kb_at_max=$file last_kb=$(tail -1 "$WORK/rss.txt" | cut -d' ' -f1) java_opts='${JAVA_OPTS:-}' $(load)"
    ;;
  policy)
    # WORKBOOK: a playbooks.xlsx to upload as a candidate (BENCHMARKS.md, feat/startup5, says how
    # the 1,000-row one was made). First DURATION of posts at ~1,000/s, so the heap holds what a
    # busy service holds; their failures count into few incidents, so the replay reads few facts.
    : "${WORKBOOK:?WORKBOOK=<playbooks.xlsx> to upload as a candidate}"
    start_app
    DISTINCT=1 THINK_MS=${THINK_MS:-15} wrk -t2 -c16 -d"${DURATION}" -s bench/webhooks.lua \
      "http://127.0.0.1:$PORT" | grep RESULT
    for _ in $(seq 1 600); do [ "$(undecided)" = 0 ] && break; sleep 1; done
    ( while sleep 1; do awk '/^VmRSS:/ { print $2 }' /proc/$APP_PID/status 2>/dev/null; done ) >"$WORK/rss.txt" & SAMPLER=$!
    auth='Authorization: Bearer bench-admin-token'
    t0=$(now_ms)
    upload=$(curl -s -w ' HTTP %{http_code}' -H "$auth" -F "playbooks.xlsx=@$WORKBOOK" \
      -F message=bench "http://127.0.0.1:$PORT/api/policy/candidates")
    upload_ms=$(( $(now_ms) - t0 ))
    number=$(grep -o '"version":[0-9]*' <<<"$upload" | head -1 | cut -d: -f2 || true)
    t0=$(now_ms)
    replay=$(curl -s -w ' HTTP %{http_code}' -X POST -H "$auth" \
      "http://127.0.0.1:$PORT/api/policy/candidates/${number:-0}/replay?from=2000-01-01T00:00:00Z")
    replay_ms=$(( $(now_ms) - t0 ))
    kill $SAMPLER 2>/dev/null || true
    gc=$(jstat -gc "$APP_PID" | tail -1 | awk '{ printf "old_used_kb=%d full_gcs=%d full_gc_s=%s", $8, $15, $16 }')
    oom=$(grep -c OutOfMemoryError "$WORK/app.log" || true)
    [ -n "$number" ] || echo "the upload was refused: $upload" >&2
    echo "RESULT policy upload=${upload##* } upload_ms=$upload_ms replay=${replay##* } replay_ms=$replay_ms replay_facts=$(grep -o '"facts":[0-9]*' <<<"$replay" | cut -d: -f2 || true) replay_changed=$(grep -o '"changed":[0-9]*' <<<"$replay" | cut -d: -f2 || true) rss_max_kb=$(sort -n "$WORK/rss.txt" | tail -1) $gc out_of_memory_errors=$oom $(load)"
    ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
