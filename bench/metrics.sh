#!/usr/bin/env bash
# Metrics benchmarks (issue 8), each beside a baseline measured in the same run on the same machine.
#
#   bench/metrics.sh [RUNS]    (default 3; every figure is the median of RUNS runs)
#
# 1. sample ingest: 100-sample batches to POST /api/v1/metrics (worker paused, so the figure is
#    the ingest path alone) vs redis-benchmark pipelined XADD of the same canonical entries;
# 2. latest: GET /api/v1/metrics/latest/{name} (10 series) vs redis-benchmark HGETALL of the same
#    Redis hash;
# 3. aggregate: 24 h of 10 series at one sample per second (864 000 samples), p50/p95/p99 and
#    friends over the whole day via GET /api/v1/metrics/aggregate (rollups + raw edges) vs the
#    same figures by SQL over the raw samples (psql, percentile_disc).
# Own Redis, PostgreSQL and Liberty on ports 6491, 5541 and 9182 under .pulse/bench-metrics,
# removed afterwards. Figures and method: docs/BENCHMARKS.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
DIR=$ROOT/.pulse/bench-metrics
WLP=$ROOT/ear/target/liberty/wlp
REDIS_PORT=6491 PG_PORT=5541 HTTP_PORT=9182
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-30s}
BASE=http://127.0.0.1:$HTTP_PORT
TMP=$(mktemp -d)

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
psql_() { PGPASSWORD=pulse psql -h 127.0.0.1 -p "$PG_PORT" -U pulse -d pulse -qtAX "$@"; }
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n*=1000; printf "%.2f", n }'; }

for tool in wrk bc; do
  command -v $tool >/dev/null || { say "installing $tool"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done

cleanup() {
  "$WLP/bin/server" stop pulse >/dev/null 2>&1 || true
  "$ROOT/pulse" redis stop "$DIR/redis" "$REDIS_PORT"
  "$ROOT/pulse" pg stop "$DIR/postgres"
  rm -rf "$TMP" "$DIR"
}
trap cleanup EXIT

rm -rf "$DIR"
mkdir -p "$DIR"
chmod 755 "$DIR"
"$ROOT/pulse" redis start "$DIR/redis" "$REDIS_PORT"
"$ROOT/pulse" pg start "$DIR/postgres" "$PG_PORT"
export PULSE_REDIS_URL=redis://127.0.0.1:$REDIS_PORT PULSE_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/pulse
export PULSE_DB_USER=pulse PULSE_DB_PASSWORD=pulse PULSE_HTTP_PORT=$HTTP_PORT PULSE_HTTPS_PORT=9544
export PULSE_MAX_BACKLOG=1000000000 PULSE_BOOTSTRAP_KEY=bench_bootstrap_key_0123456789
export PULSE_ADMIN_EMAIL=bench@pulse.local PULSE_ADMIN_PASSWORD=bench-admin-password
export PULSE_AUTH_LOGIN_ACCOUNT_PER_MINUTE=1000000 PULSE_AUTH_LOGIN_ADDRESS_PER_MINUTE=1000000
[ -x "$WLP/bin/server" ] || (cd "$ROOT" && mvn -B -q -ntp -DskipTests install)

# A latency sample as a service would send it, and the canonical entry Pulse writes for it.
SAMPLE='{"name":"http.server.latency","value":0.182,"tags":{"route":"/api/v1/cart","region":"eu-west-1","host":"web-17"}}'
ENTRY='{"id":"00000000-0000-4000-8000-__rand_int__","project":"default","name":"http.server.latency","tags":{"host":"web-17","region":"eu-west-1","route":"/api/v1/cart"},"value":0.182,"ts":"2026-11-24T09:00:00.123456Z","received_at":"2026-11-24T09:00:00.123456Z"}'
{ printf '['; for i in $(seq 1 100); do [ "$i" = 1 ] || printf ','; printf '%s' "$SAMPLE"; done; printf ']'; } >"$TMP/batch.json"
cat >"$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Pulse-Key"] = os.getenv("PULSE_BOOTSTRAP_KEY")
local f = io.open(os.getenv("BODY"), "r"); wrk.body = f:read("*a"); f:close()
LUA
cat >"$TMP/get.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
LUA

start_server() { # consumers
  PULSE_WORKER_CONSUMERS=$1 "$WLP/bin/server" start pulse >/dev/null
  until curl -fs "$BASE/health/started" >/dev/null 2>&1; do sleep 0.2; done
}
stop_server() { "$WLP/bin/server" stop pulse >/dev/null 2>&1 || true; }
wrk_out() { # file -> "req/s p50 p99"
  grep -q 'Non-2xx' "$1" && say "WARNING: $(grep Non-2xx "$1")"
  echo "$(awk '/Requests\/sec/ {print $2}' "$1") $(to_ms "$(awk '$1=="50%" {print $2}' "$1")") $(to_ms "$(awk '$1=="99%" {print $2}' "$1")")"
}
reset_stream() {
  rcli del pulse:events bench:raw >/dev/null
  rcli xgroup create pulse:events pulse-persisters '$' mkstream >/dev/null
  sleep 1
}

# --- 1. sample ingest -------------------------------------------------------------------------
say "sample ingest, worker paused: warm-up $WARMUP, then $RUNS x ($DURATION Pulse, raw XADD)"
start_server 0
BODY=$TMP/batch.json wrk -t1 -c16 -d"$WARMUP" -s "$TMP/post.lua" "$BASE/api/v1/metrics" >/dev/null
for r in $(seq 1 "$RUNS"); do
  reset_stream
  redis-benchmark -p "$REDIS_PORT" -n 500000 -P 100 -r 2147483647 -q XADD bench:raw '*' m "$ENTRY" 2>/dev/null \
    | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1 >>"$TMP/raw_xadd"
  reset_stream
  BODY=$TMP/batch.json wrk -t1 -c16 -d"$DURATION" -s "$TMP/post.lua" --latency "$BASE/api/v1/metrics" >"$TMP/w"
  read -r rps p50 p99 < <(wrk_out "$TMP/w")
  echo "$rps * 100" | bc >>"$TMP/ingest"
  echo "$rps * 100 * 100 / $(tail -1 "$TMP/raw_xadd")" | bc -l >>"$TMP/ingest_ratio"
  say "  run $r: Pulse $(tail -1 "$TMP/ingest") samples/s (p99 $p99 ms per 100-sample request), raw XADD $(tail -1 "$TMP/raw_xadd")/s"
done
stop_server
reset_stream

# --- seed: 24 h of 10 series at 1/s, straight into PostgreSQL, marked for the rollup ----------
say "seeding 864 000 samples (10 series x 86 400 s) by SQL"
TO=$(date -u +%Y-%m-%dT%H:%M:%SZ)
FROM=$(date -u -d "$TO - 24 hours" +%Y-%m-%dT%H:%M:%SZ)
start_server 2 # migrations
psql_ <<SQL
insert into metric_series (project, name, tags)
  select 'default', 'bench.latency', jsonb_build_object('host', 'h' || h) from generate_series(0, 9) h;
insert into metric_samples (project, id, series_id, ts, value, received_at)
  select 'default', gen_random_uuid(), s.id, t, ((extract(epoch from t)::bigint * 7919 + s.id * 104729) % 10000) / 100.0, t
  from metric_series s, generate_series(timestamptz '$FROM', timestamptz '$TO' - interval '1 second', interval '1 second') t
  where s.name = 'bench.latency';
insert into metric_dirty (series_id, minute)
  select distinct series_id, date_bin('1 minute', ts, timestamptz '1970-01-01 00:00:00+00') from metric_samples
  on conflict do nothing;
vacuum analyze metric_samples;
SQL
say "waiting for the rollup passes to drain $(psql_ -c 'select count(*) from metric_dirty') marked minutes"
t0=$(date +%s)
until [ "$(psql_ -c 'select count(*) from metric_dirty')" = 0 ] \
  && [ "$(psql_ -c "select rolled_up_to > now() - interval '30 seconds' from metric_rollup_state")" = t ]; do sleep 1; done
ROLLUP_SECONDS=$(( $(date +%s) - t0 ))
say "  rolled up in about $ROLLUP_SECONDS s"

LOGIN='{"email":"'$PULSE_ADMIN_EMAIL'","password":"'$PULSE_ADMIN_PASSWORD'"}'
export TOKEN=$(curl -fsS "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "$LOGIN" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# --- 2. latest ----------------------------------------------------------------------------------
for h in $(seq 0 9); do printf '{"name":"cpu.load","value":%s,"tags":{"host":"h%s"}},' "$h" "$h"; done | sed 's/^/[/; s/,$/]/' >"$TMP/latest.json"
curl -fsS -o /dev/null "$BASE/api/v1/metrics" -H "X-Pulse-Key: $PULSE_BOOTSTRAP_KEY" -H 'Content-Type: application/json' -d @"$TMP/latest.json"
sleep 2
LATEST_URL="$BASE/api/v1/metrics/latest/cpu.load?project=default"
[ "$(curl -fsS "$LATEST_URL" -H "Authorization: Bearer $TOKEN" | grep -o '"value"' | wc -l)" = 10 ] || say "WARNING: latest does not list 10 series"
say "latest: warm-up $WARMUP, then $RUNS x ($DURATION Pulse, HGETALL)"
wrk -t1 -c64 -d"$WARMUP" -s "$TMP/get.lua" "$LATEST_URL" >/dev/null
for r in $(seq 1 "$RUNS"); do
  redis-benchmark -p "$REDIS_PORT" -c 64 -n 300000 -q HGETALL pulse:latest:default:cpu.load 2>/dev/null \
    | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1 >>"$TMP/raw_hgetall"
  wrk -t1 -c64 -d"$DURATION" -s "$TMP/get.lua" --latency "$LATEST_URL" >"$TMP/w"
  read -r rps p50 p99 < <(wrk_out "$TMP/w")
  echo "$rps" >>"$TMP/latest"; echo "$p99" >>"$TMP/latest_p99"
  echo "$rps * 100 / $(tail -1 "$TMP/raw_hgetall")" | bc -l >>"$TMP/latest_ratio"
  say "  run $r: Pulse $rps req/s (p50 $p50 ms, p99 $p99 ms), raw HGETALL $(tail -1 "$TMP/raw_hgetall")/s"
done

# --- 3. aggregate over 24 h ---------------------------------------------------------------------
AGG_URL="$BASE/api/v1/metrics/aggregate/bench.latency?project=default&from=$FROM&to=$TO"
curl -fsS "$AGG_URL" -H "Authorization: Bearer $TOKEN" >"$TMP/agg.json"
SQL_AGG="select count(*), sum(value), min(value), max(value), avg(value), percentile_disc(array[0.5, 0.95, 0.99]) within group (order by value) from metric_samples where series_id = any(array(select id from metric_series where project = 'default' and name = 'bench.latency')) and ts >= '$FROM' and ts < '$TO'"
psql_ -c "$SQL_AGG" >"$TMP/sql.txt"
say "  Pulse: $(cat "$TMP/agg.json")"
say "  SQL:   $(cat "$TMP/sql.txt")"
say "aggregate: warm-up 10s, then $RUNS x ($DURATION Pulse with wrk -c4, 5 x the raw SQL)"
wrk -t1 -c4 -d10s -s "$TMP/get.lua" "$AGG_URL" >/dev/null
for r in $(seq 1 "$RUNS"); do
  wrk -t1 -c4 -d"$DURATION" -s "$TMP/get.lua" --latency "$AGG_URL" >"$TMP/w"
  read -r rps p50 p99 < <(wrk_out "$TMP/w")
  echo "$p50" >>"$TMP/agg_p50"; echo "$p99" >>"$TMP/agg_p99"; echo "$rps" >>"$TMP/agg_rps"
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); psql_ -c "$SQL_AGG" >/dev/null; e=$(date +%s%N)
    echo "($e - $s) / 1000000" | bc -l
  done | median >>"$TMP/sql_ms"
  echo "$(tail -1 "$TMP/sql_ms") / $p50" | bc -l >>"$TMP/agg_speedup"
  say "  run $r: Pulse p50 $p50 ms, p99 $p99 ms ($rps req/s); raw SQL $(tail -1 "$TMP/sql_ms") ms"
done
stop_server

cat <<EOF2

Metrics benchmarks, median of $RUNS runs ($(nproc) cores, $(date -u +%Y-%m-%d)):
  sample ingest, 100-sample batches (wrk -t1 -c16 -d$DURATION):  $(median <"$TMP/ingest") samples/s
    raw pipelined XADD of the same entries (redis-benchmark -P 100): $(median <"$TMP/raw_xadd") /s
    ratio: $(median <"$TMP/ingest_ratio") %
  latest, 10 series (wrk -t1 -c64 -d$DURATION): $(median <"$TMP/latest") req/s, p99 $(median <"$TMP/latest_p99") ms
    raw HGETALL of the same hash (redis-benchmark -c 64): $(median <"$TMP/raw_hgetall") req/s
    ratio: $(median <"$TMP/latest_ratio") %
  aggregate, 24 h x 10 series at 1/s (864 000 samples), wrk -t1 -c4: p50 $(median <"$TMP/agg_p50") ms, p99 $(median <"$TMP/agg_p99") ms, $(median <"$TMP/agg_rps") req/s
    the same figures by SQL over the raw samples (psql, median of 5 per run): $(median <"$TMP/sql_ms") ms
    speed-up (SQL time / Pulse p50): $(median <"$TMP/agg_speedup") x
  rollup of the 864 000 seeded samples (14 400 series-minutes): about $ROLLUP_SECONDS s from seeded to drained
EOF2
