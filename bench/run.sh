#!/usr/bin/env bash
# Pulse benchmarks, each beside a raw baseline measured in the same run on the same machine.
#
#   bench/run.sh [RUNS]        (default 3; every figure is the median of RUNS runs)
#   PULSEMETRICS_BIN=/path/to/pulsemetrics-server bench/run.sh 3
#                              also runs the PulseMetrics Go peer (in memory, not durable; it always
#                              listens on :8080) alternated with Pulse on single events
#   BENCH_ONLY=single          only the start/cold figures and the single-event comparison
#
# Starts its own Redis (AOF everysec, like ./pulse run), PostgreSQL and Liberty on ports 6490,
# 5540 and 9180 under .pulse/bench, and removes them afterwards. Needs wrk (installed with
# apt-get when missing). Figures and method: docs/BENCHMARKS.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
DIR=$ROOT/.pulse/bench
WLP=$ROOT/ear/target/liberty/wlp
REDIS_PORT=6490 PG_PORT=5540 HTTP_PORT=9180
DURATION=${BENCH_DURATION:-10s}
DRAIN_EVENTS=${BENCH_DRAIN_EVENTS:-300000}
WARMUP=${BENCH_WARMUP:-30s}
ONLY=${BENCH_ONLY:-}
PEER=${PULSEMETRICS_BIN:-}
PEER_URL=http://127.0.0.1:8080
# Figures of the sections BENCH_ONLY skips.
RAW=- BATCH=- BATCHPCT=- SINGLE=- SINGLE50=- SINGLE99=- COMPAT=- COMPAT50=- COMPAT99=- RSS=- QUOTA=- QUOTA99=-
LOGINMS=- DRAIN=- COPY=-
BASE=http://127.0.0.1:$HTTP_PORT
TMP=$(mktemp -d)

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U pulse -d pulse -qtAX "$@"; }

for tool in wrk bc; do
  command -v $tool >/dev/null || { say "installing $tool"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done

cleanup() {
  [ -n "${PEER_PID:-}" ] && kill "$PEER_PID" 2>/dev/null || true
  "$WLP/bin/server" stop pulse >/dev/null 2>&1 || true
  "$ROOT/pulse" redis stop "$DIR/redis" "$REDIS_PORT"
  "$ROOT/pulse" pg stop "$DIR/postgres"
  rm -rf "$TMP" "$DIR"
}
trap cleanup EXIT

rm -rf "$DIR" # every run starts from empty servers
mkdir -p "$DIR"
chmod 755 "$DIR"
"$ROOT/pulse" redis start "$DIR/redis" "$REDIS_PORT"
"$ROOT/pulse" pg start "$DIR/postgres" "$PG_PORT"
export PULSE_REDIS_URL=redis://127.0.0.1:$REDIS_PORT PULSE_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/pulse
export PULSE_DB_USER=pulse PULSE_DB_PASSWORD=pulse PULSE_HTTP_PORT=$HTTP_PORT PULSE_HTTPS_PORT=9543
export PULSE_MAX_BACKLOG=1000000000
# Producers send with an ingest key (the bootstrap one); the admin creates a key with a quota.
export PULSE_BOOTSTRAP_KEY=bench_bootstrap_key_0123456789 PULSE_ADMIN_EMAIL=bench@pulse.local
export PULSE_ADMIN_PASSWORD=bench-admin-password PULSE_AUTH_LOGIN_ACCOUNT_PER_MINUTE=1000000
export PULSE_AUTH_LOGIN_ADDRESS_PER_MINUTE=1000000
[ -x "$WLP/bin/server" ] || (cd "$ROOT" && mvn -B -q -ntp -DskipTests install)

# ~250-byte events as a service would send them; the canonical stream entry is ~400 bytes.
EVENT='{"type":"http.request","source":"checkout-api","value":182.5,"tags":{"env":"prod","region":"eu-west-1","host":"web-17"},"payload":{"path":"/api/v1/cart/items","method":"POST","status":201,"user":"u-48213","trace":"4bf92f3577b34da6a3ce929d0e0e4736"}}'
METRIC='{"type":"page_view","name":"/home","value":1,"tags":{"browser":"chrome","user":"anon"}}'
ENTRY='{"id":"00000000-0000-4000-8000-__rand_int__","project":"default","type":"http.request","source":"checkout-api","occurred_at":"2026-11-23T09:00:00.123456Z","received_at":"2026-11-23T09:00:00.123456Z","value":182.5,"tags":{"env":"prod","region":"eu-west-1","host":"web-17"},"payload":{"path":"/api/v1/cart/items","method":"POST","status":201,"user":"u-48213","trace":"4bf92f3577b34da6a3ce929d0e0e4736"}}'
printf '%s' "$EVENT" >"$TMP/event.json"
printf '%s' "$METRIC" >"$TMP/metric.json"
{ printf '['; for i in $(seq 1 100); do [ "$i" = 1 ] || printf ','; printf '%s' "$EVENT"; done; printf ']'; } >"$TMP/batch.json"
cat >"$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Pulse-Key"] = os.getenv("KEY") or os.getenv("PULSE_BOOTSTRAP_KEY")
local f = io.open(os.getenv("BODY"), "r"); wrk.body = f:read("*a"); f:close()
delay = nil
LUA
printf 'wrk.method = "GET"\n' >"$TMP/get.lua"

server_pid() { cat "$WLP/usr/servers/.pid/pulse.pid"; }

start_server() { # consumers -> prints seconds from launch to /health/started UP
  local t0 t1
  t0=$(date +%s.%N)
  PULSE_WORKER_CONSUMERS=$1 "$WLP/bin/server" start pulse >/dev/null
  until curl -fs "$BASE/health/started" >/dev/null 2>&1; do sleep 0.1; done
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

stop_server() { "$WLP/bin/server" stop pulse >/dev/null 2>&1 || true; }

reset_stream() {
  rcli del pulse:events bench:raw >/dev/null
  rcli xgroup create pulse:events pulse-persisters '$' mkstream >/dev/null
  rcli bgrewriteaof >/dev/null
  sleep 1
}

wrk_run() { # connections path body -> "req/s p50ms p99ms"
  BODY=$3 wrk -t1 -c"$1" -d"$DURATION" -s "$TMP/post.lua" --latency "$BASE$2" >"$TMP/wrk.out"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.out")
  grep -q 'Non-2xx' "$TMP/wrk.out" && say "WARNING: non-2xx answers: $(grep Non-2xx "$TMP/wrk.out")"
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

wrk_at() { # base connections path body [lua] -> "req/s p50ms p99ms" (POST, or GET with body "-")
  local script=$TMP/post.lua
  [ "$4" = - ] && script=$TMP/get.lua
  [ -n "${5:-}" ] && script=$5
  BODY=$4 wrk -t1 -c"$2" -d"$DURATION" -s "$script" --latency "$1$3" >"$TMP/wrk.out"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.out")
  grep -q 'Non-2xx' "$TMP/wrk.out" && say "WARNING: non-2xx answers: $(grep Non-2xx "$TMP/wrk.out")"
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

paced_lua() { # connections rate -> a script whose connections together send about `rate` req/s
  local delay_ms
  delay_ms=$(echo "scale=3; $1 * 1000 / $2" | bc)
  sed "s/^delay = nil$/delay = function() return $delay_ms end/" "$TMP/post.lua" >"$TMP/paced.lua"
  echo "$TMP/paced.lua"
}

to_ms() { # wrk prints 812.00us / 1.20ms / 1.02s
  awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n*=1000; printf "%.2f", n }'
}

raw_xadd() { # pipelined XADD of the canonical entries: events/s
  redis-benchmark -p "$REDIS_PORT" -n 500000 -P 100 -r 2147483647 -q \
    XADD bench:raw '*' e "$ENTRY" 2>/dev/null | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1
}

# ---------------------------------------------------------------------------------------------
say "start time (launch → /health/started UP), then 10 s of single /ingest at once (cold), $RUNS runs"
say "  alternated: with the start-up warm-up (default) and without it (PULSE_WARMUP_SECONDS=0)"
starts=() starts0=()
rm -f "$TMP/cold" "$TMP/cold0"
for _ in $(seq 1 "$RUNS"); do
  starts+=("$(start_server 0)")
  DURATION=10s wrk_at "$BASE" 64 /ingest "$TMP/metric.json" >>"$TMP/cold"
  stop_server
  starts0+=("$(PULSE_WARMUP_SECONDS=0 start_server 0)")
  DURATION=10s wrk_at "$BASE" 64 /ingest "$TMP/metric.json" >>"$TMP/cold0"
  stop_server
  say "  with warm-up: start ${starts[-1]} s, $(tail -1 "$TMP/cold"); without: start ${starts0[-1]} s, $(tail -1 "$TMP/cold0")"
done
START=$(printf '%s\n' "${starts[@]}" | median); START0=$(printf '%s\n' "${starts0[@]}" | median)
COLD=$(awk '{print $1}' "$TMP/cold" | median); COLD99=$(awk '{print $3}' "$TMP/cold" | median)
COLD0=$(awk '{print $1}' "$TMP/cold0" | median); COLD099=$(awk '{print $3}' "$TMP/cold0" | median)

say "ingest path alone (consumers paused): raw XADD vs Pulse, $RUNS runs of $DURATION"
start_server 0 >/dev/null
say "  warming up the JIT (not measured)"
LOGIN='{"email":"'$PULSE_ADMIN_EMAIL'","password":"'$PULSE_ADMIN_PASSWORD'"}'
TOKEN=$(curl -fsS "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "$LOGIN" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
QKEY=$(curl -fsS "$BASE/api/v1/projects/default/keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"bench-quota","events_per_minute":100000000}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
for path in /api/v1/events/batch /api/v1/events /ingest; do
  body=$TMP/batch.json; [ "$path" = /api/v1/events ] && body=$TMP/event.json; [ "$path" = /ingest ] && body=$TMP/metric.json
  BODY=$body wrk -t1 -c16 -d20s -s "$TMP/post.lua" "$BASE$path" >/dev/null
  reset_stream
done
KEY=$QKEY BODY=$TMP/event.json wrk -t1 -c16 -d20s -s "$TMP/post.lua" "$BASE/api/v1/events" >/dev/null
reset_stream
if [ "$ONLY" != single ]; then
rm -f "$TMP"/{raw,batch,single,compat,rss,quota,login}
for r in $(seq 1 "$RUNS"); do
  reset_stream; raw_xadd >>"$TMP/raw"
  reset_stream
  ( sleep 5; ps -o rss= -p "$(server_pid)" >>"$TMP/rss" ) &
  wrk_run 16 /api/v1/events/batch "$TMP/batch.json" >>"$TMP/batch"
  reset_stream; wrk_run 64 /api/v1/events "$TMP/event.json" >>"$TMP/single"
  reset_stream; wrk_run 64 /ingest "$TMP/metric.json" >>"$TMP/compat"
  reset_stream; KEY=$QKEY wrk_run 64 /api/v1/events "$TMP/event.json" >>"$TMP/quota"
  # Login: PBKDF2 (210000 iterations) + signing, one client after another.
  for _ in $(seq 1 20); do
    curl -s -o /dev/null -w '%{time_total}\n' "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "$LOGIN"
  done | awk '{print $1*1000}' | median >>"$TMP/login"
  say "  run $r: raw $(tail -1 "$TMP/raw")/s, batch $(tail -1 "$TMP/batch"), single $(tail -1 "$TMP/single"), /ingest $(tail -1 "$TMP/compat"), quota key $(tail -1 "$TMP/quota"), login $(tail -1 "$TMP/login") ms"
done
RAW=$(median <"$TMP/raw")
# The ratio per run (Pulse and its baseline measured back to back), then the median of those.
BATCHPCT=$(paste "$TMP/batch" "$TMP/raw" | awk '{printf "%.1f\n", 100 * $1 * 100 / $4}' | median)
BATCH=$(awk '{print $1*100}' "$TMP/batch" | median)
SINGLE=$(awk '{print $1}' "$TMP/single" | median); SINGLE50=$(awk '{print $2}' "$TMP/single" | median); SINGLE99=$(awk '{print $3}' "$TMP/single" | median)
COMPAT=$(awk '{print $1}' "$TMP/compat" | median); COMPAT50=$(awk '{print $2}' "$TMP/compat" | median); COMPAT99=$(awk '{print $3}' "$TMP/compat" | median)
RSS=$(awk '{print $1/1024}' "$TMP/rss" | median)
QUOTA=$(awk '{print $1}' "$TMP/quota" | median); QUOTA99=$(awk '{print $3}' "$TMP/quota" | median)
LOGINMS=$(median <"$TMP/login")
fi

# Single events beside the Go peer, alternated, on the warm server; then each at half its peak.
say "single events: Pulse /ingest and /api/v1/events$([ -n "$PEER" ] && echo ', the Go peer') and a static file, alternated, $RUNS runs"
if [ -n "$PEER" ]; then
  curl -s -o /dev/null "$PEER_URL/metrics" && { say "something already listens on :8080"; exit 1; }
  "$PEER" >"$TMP/peer.log" 2>&1 & PEER_PID=$!
  until curl -s -o /dev/null "$PEER_URL/metrics"; do sleep 0.1; done
  BODY=$TMP/metric.json wrk -t1 -c64 -d"$WARMUP" -s "$TMP/post.lua" "$PEER_URL/ingest" >/dev/null
fi
for path in /ingest /api/v1/events; do
  body=$TMP/metric.json; [ "$path" = /api/v1/events ] && body=$TMP/event.json
  BODY=$body wrk -t1 -c64 -d"$WARMUP" -s "$TMP/post.lua" "$BASE$path" >/dev/null
done
wrk -t1 -c64 -d10s "$BASE/live/" >/dev/null
reset_stream
rm -f "$TMP"/{peer,p_ingest,p_events,static}
for r in $(seq 1 "$RUNS"); do
  [ -n "$PEER" ] && wrk_at "$PEER_URL" 64 /ingest "$TMP/metric.json" >>"$TMP/peer"
  wrk_at "$BASE" 64 /ingest "$TMP/metric.json" >>"$TMP/p_ingest"
  wrk_at "$BASE" 64 /api/v1/events "$TMP/event.json" >>"$TMP/p_events"
  wrk_at "$BASE" 64 /live/ - >>"$TMP/static"
  reset_stream
  say "  run $r: peer $(tail -1 "$TMP/peer" 2>/dev/null), Pulse /ingest $(tail -1 "$TMP/p_ingest"), /api/v1/events $(tail -1 "$TMP/p_events"), static $(tail -1 "$TMP/static") (req/s p50 p99 ms)"
done
col() { awk -v c="$1" '{print $c}' "$TMP/$2" | median; }
PEER_RPS=$([ -s "$TMP/peer" ] && col 1 peer || echo 0)
P_INGEST=$(col 1 p_ingest); P_EVENTS=$(col 1 p_events); STATIC=$(col 1 static)
P_INGEST99=$(col 3 p_ingest); P_EVENTS99=$(col 3 p_events); PEER99=$([ -s "$TMP/peer" ] && col 3 peer || echo -)
half() { # base path body rate -> "req/s p99ms" at about that rate
  wrk_at "$1" 64 "$2" "$3" "$(paced_lua 64 "$4")" | awk '{print $1, $3}'
}
HALF_INGEST=$(half "$BASE" /ingest "$TMP/metric.json" "$(echo "$P_INGEST / 2" | bc)")
HALF_EVENTS=$(half "$BASE" /api/v1/events "$TMP/event.json" "$(echo "$P_EVENTS / 2" | bc)")
reset_stream
HALF_PEER=-
if [ -n "$PEER" ]; then
  HALF_PEER=$(half "$PEER_URL" /ingest "$TMP/metric.json" "$(echo "$PEER_RPS / 2" | bc)")
  kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; PEER_PID=
fi
stop_server

if [ "$ONLY" != single ]; then
say "drain: $DRAIN_EVENTS events from a pre-filled stream vs raw COPY of the same rows, $RUNS runs"
rm -f "$TMP"/{drain,copy}
for r in $(seq 1 "$RUNS"); do
  psql_ -c "truncate events"
  reset_stream
  redis-benchmark -p "$REDIS_PORT" -n "$DRAIN_EVENTS" -P 100 -r 2147483647 -q XADD pulse:events '*' e "$ENTRY" >/dev/null 2>&1
  before=$(psql_ -c "select count(*) from events")
  # The drain alone: no start-up warm-up competing with it for the CPU; the default consumers.
  PULSE_WARMUP_SECONDS=0 "$WLP/bin/server" start pulse >/dev/null
  while [ "$(psql_ -c 'select count(*) from events')" = "$before" ]; do sleep 0.05; done
  t0=$(date +%s.%N); n0=$(psql_ -c "select count(*) from events")
  while :; do
    info=$(rcli xinfo groups pulse:events | awk 'p {print; p=0} /^(pending|lag)$/ {p=1}' | paste -sd+ | bc)
    [ "$info" = 0 ] && break
    sleep 0.05
  done
  t1=$(date +%s.%N); n1=$(psql_ -c "select count(*) from events")
  stop_server
  echo "($n1 - $n0) / ($t1 - $t0)" | bc >>"$TMP/drain"
  # Raw COPY of the very rows the worker stored, into the same (emptied) table with its indexes.
  psql_ -c "\\copy events to '$TMP/events.csv' csv"
  psql_ -c "truncate events"
  c0=$(date +%s.%N); psql_ -c "\\copy events from '$TMP/events.csv' csv"; c1=$(date +%s.%N)
  echo "$(wc -l <"$TMP/events.csv") / ($c1 - $c0)" | bc >>"$TMP/copy"
  say "  run $r: worker $(tail -1 "$TMP/drain") rows/s, COPY $(tail -1 "$TMP/copy") rows/s ($n1 rows)"
done
DRAIN=$(median <"$TMP/drain"); COPY=$(median <"$TMP/copy")
fi

pct() { # a b -> 100 a / b, or - when either is not a figure
  if [[ ${1:-} =~ ^[0-9.]+$ && ${2:-} =~ ^[0-9.]+$ && $2 != 0 ]]; then echo "scale=1; 100 * $1 / $2" | bc; else echo -; fi
}
# The peer measured in this run when there is one, else the figure its README reports
if [[ $PEER_RPS =~ ^[0-9.]+$ && $PEER_RPS != 0 ]]; then
  PEER_REF=$PEER_RPS PEER_LABEL="PulseMetrics Go peer, this run (single events, alternated)"
else
  PEER_REF=60000 PEER_LABEL="PulseMetrics Go, in-memory: ~60000 (reported)"
fi
cat <<EOF

Pulse benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, medians of $RUNS runs, wrk -t1 -d$DURATION
| figure | Pulse | baseline | ratio |
|---|---|---|---|
| batch ingest, 100-event batches, events/s (wrk -c16) | $BATCH | raw pipelined XADD (redis-benchmark -P 100): $RAW | $BATCHPCT % (median of per-run ratios) |
| single event POST /api/v1/events, req/s (wrk -c64) | $SINGLE (p50 $SINGLE50 ms, p99 $SINGLE99 ms) | $PEER_LABEL: $PEER_REF | $(pct "$SINGLE" "$PEER_REF") % |
| single event with a key that has a quota (charged and appended by one EVALSHA), req/s (wrk -c64) | $QUOTA (p99 $QUOTA99 ms) | same run, key without quota: $SINGLE | $(pct "$QUOTA" "$SINGLE") % |
| POST /ingest (PulseMetrics format), req/s (wrk -c64) | $COMPAT (p50 $COMPAT50 ms, p99 $COMPAT99 ms) | $PEER_LABEL: $PEER_REF | $(pct "$COMPAT" "$PEER_REF") % |
| drain, rows/s persisted from a backlog of $DRAIN_EVENTS | $DRAIN | psql \\copy of the same rows: $COPY | $(pct "$DRAIN" "$COPY") % |
| login (PBKDF2-SHA512 210k iterations + RS256), median of 20 sequential | ${LOGINMS} ms | | |
| server start, launch → /health/started UP | ${START} s (without the warm-up: ${START0} s) | | |
| Liberty RSS under batch load | ${RSS} MiB | | |

Single events, warm (after $WARMUP of each), alternated with the peer, wrk -t1 -c64 -d$DURATION:
| figure | req/s | p99 | ratio |
|---|---|---|---|
| PulseMetrics Go peer, POST /ingest (in memory, not durable) | $PEER_RPS | $PEER99 ms | |
| Pulse POST /ingest (durable: 202 after the Redis append) | $P_INGEST | $P_INGEST99 ms | $(pct "$P_INGEST" "$PEER_RPS") % of the peer, $(pct "$P_INGEST" "$STATIC") % of the static file |
| Pulse POST /api/v1/events | $P_EVENTS | $P_EVENTS99 ms | $(pct "$P_EVENTS" "$PEER_RPS") % of the peer, $(pct "$P_EVENTS" "$STATIC") % of the static file |
| the same Liberty serving GET /live/ (static file: the platform's ceiling) | $STATIC | | |
| at about half the peak (wrk delay() pacing; req/s p99 ms) | /ingest $HALF_INGEST; /api/v1/events $HALF_EVENTS; peer $HALF_PEER | | target p99 ≤ 10 ms |
| cold: /ingest in the 10 s after /health/started (start-up warm-up on, the default) | $COLD (p99 $COLD99 ms) | | $(pct "$COLD" "$P_INGEST") % of warm |
| cold, without the warm-up (PULSE_WARMUP_SECONDS=0) | $COLD0 (p99 $COLD099 ms) | | $(pct "$COLD0" "$P_INGEST") % of warm |
EOF
