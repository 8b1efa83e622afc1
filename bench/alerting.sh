#!/usr/bin/env bash
# Alerting benchmarks (issue 9), each beside a baseline measured in the same run on the same machine.
#
#   bench/alerting.sh [RUNS]    (default 3; latency figures pool the probes of RUNS runs)
#
# 1. evaluation under load: 1,000 enabled threshold rules, ~5,000 events/s of matching events
#    (wrk with a per-connection delay, 100-event batches spread over the 1,000 rules), the two
#    default consumers persisting and evaluating; reported: events/s achieved, stream lag at the
#    end (did evaluation keep up?), rules evaluated per second and evaluation time per batch;
# 2. event 202 -> webhook received: probe events, each opening an alert of its own (group_by
#    tags.probe), sent while the load runs; latency from the 202 (curl's return) to the receiver's
#    arrival time, p50/p99; baseline: the same probes with no load, same run;
# 3. storm: 10,000 events over 500 groups at once: alerts recorded, notifications sent and held
#    back, time until every alert is recorded and every notification decided, time to the digest.
# Own Redis, PostgreSQL and Liberty on ports 6492, 5542 and 9183 under .pulse/bench-alerting, and
# a webhook receiver (python3) on 9291; removed afterwards. Method and figures: docs/BENCHMARKS.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
DIR=$ROOT/.pulse/bench-alerting
WLP=$ROOT/ear/target/liberty/wlp
REDIS_PORT=6492 PG_PORT=5542 HTTP_PORT=9183 HOOK_PORT=9291
WARMUP=${BENCH_WARMUP:-30s}
LOAD=${BENCH_DURATION:-20s}
DELAY_MS=${BENCH_DELAY_MS:-30}   # per connection between 100-event batches: ~5,000 events/s on 2 connections
PROBES=${BENCH_PROBES:-40}
BASE=http://127.0.0.1:$HTTP_PORT
TMP=$(mktemp -d)

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; print a[i]}'; }
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
psql_() { PGPASSWORD=pulse psql -h 127.0.0.1 -p "$PG_PORT" -U pulse -d pulse -qtAX "$@"; }
metric() { curl -fsS "$BASE/metrics" | awk -v m="$1" 'index($1, m "{") == 1 {print $2}' | head -1; }

for tool in wrk bc python3; do
  command -v $tool >/dev/null || { say "installing $tool"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done

cleanup() {
  "$WLP/bin/server" stop pulse >/dev/null 2>&1 || true
  [ -n "${HOOK_PID:-}" ] && kill "$HOOK_PID" 2>/dev/null || true
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
export PULSE_DB_USER=pulse PULSE_DB_PASSWORD=pulse PULSE_HTTP_PORT=$HTTP_PORT PULSE_HTTPS_PORT=9545
export PULSE_MAX_BACKLOG=1000000000 PULSE_BOOTSTRAP_KEY=bench_bootstrap_key_0123456789
export PULSE_ADMIN_EMAIL=bench@pulse.local PULSE_ADMIN_PASSWORD=bench-admin-password
export PULSE_AUTH_LOGIN_ACCOUNT_PER_MINUTE=1000000 PULSE_AUTH_LOGIN_ADDRESS_PER_MINUTE=1000000
export PULSE_NOTIFY_ALLOW_PRIVATE_NETWORKS=true PULSE_NOTIFY_PROJECT_PER_MINUTE=100000
[ -x "$WLP/bin/server" ] || (cd "$ROOT" && mvn -B -q -ntp -DskipTests install)

python3 "$ROOT/bench/webhook_receiver.py" "$HOOK_PORT" "$TMP/hook.log" & HOOK_PID=$!
"$WLP/bin/server" start pulse >/dev/null
until curl -fs "$BASE/health/started" >/dev/null 2>&1; do sleep 0.2; done

LOGIN='{"email":"'$PULSE_ADMIN_EMAIL'","password":"'$PULSE_ADMIN_PASSWORD'"}'
TOKEN=$(curl -fsS "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "$LOGIN" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
api() { curl -fsS "$BASE/api/v1/projects/default$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "${@:2}"; }
id_of() { sed 's/.*"id":"\([^"]*\)".*/\1/'; }
CHANNEL=$(api /channels -d '{"name":"bench","type":"webhook","url":"http://127.0.0.1:'$HOOK_PORT'/hook"}' | id_of)

say "creating 1,000 threshold rules (bench.0 .. bench.999, never crossed) and the probe rule"
for i in $(seq 0 999); do
  printf '{"name":"bench %s","kind":"threshold","signal":"events","match":{"type":"bench.%s"},"aggregate":"count","window":"1m","group_by":["source"],"op":">","threshold":1000000000,"severity":"info"}' "$i" "$i" >"$TMP/rule.json"
  api /rules -d @"$TMP/rule.json" -o /dev/null
done
api /rules -o /dev/null -d '{"name":"probe","kind":"threshold","signal":"events","match":{"type":"probe"},"aggregate":"count","window":"10s","group_by":["tags.probe"],"op":">","threshold":0,"severity":"critical","channels":["'$CHANNEL'"],"max_notifications_per_minute":1000}'
sleep 2

cat >"$TMP/load.lua" <<'LUA'
-- 100-event batches, each event for one of the 1,000 rules in turn; ids assigned by Pulse.
local n = 0
local delay_ms = tonumber(os.getenv("DELAY_MS"))
request = function()
  local parts = {}
  for i = 0, 99 do
    parts[#parts + 1] = string.format(
      '{"type":"bench.%d","source":"svc-%d","value":%d,"tags":{"env":"prod"}}', (n * 100 + i) % 1000, i % 10, i)
  end
  n = n + 1
  return wrk.format("POST", "/api/v1/events/batch",
    {["Content-Type"] = "application/json", ["X-Pulse-Key"] = os.getenv("PULSE_BOOTSTRAP_KEY")},
    "[" .. table.concat(parts, ",") .. "]")
end
delay = function() return delay_ms end
LUA
export DELAY_MS

probe() { # tag file: POSTs one probe event, logs "<tag> <202 time ns>"
  local t
  curl -fsS -o /dev/null "$BASE/api/v1/events" -H "X-Pulse-Key: $PULSE_BOOTSTRAP_KEY" -H 'Content-Type: application/json' \
    -d '{"type":"probe","source":"bench","tags":{"probe":"'"$1"'"}}'
  t=$(date +%s%N)
  echo "$1 $t" >>"$2"
}
probes() { # prefix file
  for n in $(seq 1 "$PROBES"); do probe "$1-$n" "$2"; sleep 0.4; done
}
latencies() { # probe log -> one latency (ms) per probe received
  awk 'NR == FNR { if ($3 == "firing" && !($2 in got)) got[$2] = $1; next } ($1 in got) { printf "%.1f\n", (got[$1] - $2) / 1e6 }' "$TMP/hook.log" "$1"
}

say "idle baseline: $PROBES probes per run, no load"
for r in $(seq 1 "$RUNS"); do probes "idle$r" "$TMP/idle.probes"; done
sleep 3

say "warm-up: $WARMUP of the load"
wrk -t1 -c2 -d"$WARMUP" -s "$TMP/load.lua" "$BASE" >/dev/null
for r in $(seq 1 "$RUNS"); do
  evaluated0=$(metric pulse_rules_evaluated_total); evals0=$(metric pulse_rule_evaluation_duration_seconds_count); evsum0=$(metric pulse_rule_evaluation_duration_seconds_sum)
  wrk -t1 -c2 -d"$LOAD" -s "$TMP/load.lua" "$BASE" >"$TMP/w" & WRK=$!
  sleep 2; probes "load$r" "$TMP/load.probes"; wait $WRK
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/w")
  grep -q 'Non-2xx' "$TMP/w" && say "WARNING: $(grep Non-2xx "$TMP/w")"
  lag=$(rcli xinfo groups pulse:events | awk 'prev == "lag" {print; exit} {prev = $0}')
  secs=$(echo "$LOAD" | tr -d s)
  evaluated1=$(metric pulse_rules_evaluated_total); evals1=$(metric pulse_rule_evaluation_duration_seconds_count); evsum1=$(metric pulse_rule_evaluation_duration_seconds_sum)
  echo "$rps * 100" | bc >>"$TMP/events"
  echo "$lag" >>"$TMP/lag"
  echo "($evaluated1 - $evaluated0) / ($secs + 3)" | bc -l >>"$TMP/rules_per_s"
  echo "($evsum1 - $evsum0) * 1000 / ($evals1 - $evals0)" | bc -l >>"$TMP/eval_ms"
  say "  run $r: $(tail -1 "$TMP/events") events/s, lag at the end $lag, $(printf %.0f "$(tail -1 "$TMP/rules_per_s")") rule evaluations/s, $(printf %.2f "$(tail -1 "$TMP/eval_ms")") ms per evaluation pass"
  sleep 5
done
sleep 3
latencies "$TMP/idle.probes" >"$TMP/idle.ms"
latencies "$TMP/load.probes" >"$TMP/load.ms"

say "storm: 10,000 events over 500 groups"
STORM=$(api /rules -d '{"name":"storm","kind":"threshold","signal":"events","match":{"type":"storm"},"aggregate":"count","window":"1m","group_by":["tags.host"],"op":">","threshold":0,"severity":"warning","channels":["'$CHANNEL'"]}' | id_of)
sleep 2
for b in $(seq 0 9); do
  for i in $(seq 0 999); do [ "$i" = 0 ] || printf ','; printf '{"type":"storm","source":"bench","tags":{"host":"host-%d"}}' $(( (b * 1000 + i) % 500 )); done \
    | sed 's/^/[/; s/$/]/' >"$TMP/storm$b.json"
done
t0=$(date +%s%N)
for b in $(seq 0 9); do curl -fsS -o /dev/null "$BASE/api/v1/events/batch" -H "X-Pulse-Key: $PULSE_BOOTSTRAP_KEY" -H 'Content-Type: application/json' -d @"$TMP/storm$b.json"; done
t_sent=$(date +%s%N)
until [ "$(psql_ -c "select count(*) from alerts where rule_id = '$STORM'")" = 500 ]; do sleep 0.05; done
t_alerts=$(date +%s%N)
until [ "$(psql_ -c "select count(*) from notifications where rule_id = '$STORM' and kind = 'firing' and status in ('sent', 'throttled')")" = 500 ]; do sleep 0.05; done
t_decided=$(date +%s%N)
until [ "$(psql_ -c "select count(*) from notifications where rule_id = '$STORM' and status = 'throttled' and digest_id is null")" = 0 ] && [ "$(psql_ -c "select count(*) from notifications where rule_id = '$STORM' and kind = 'digest' and status <> 'sent'")" = 0 ]; do sleep 0.2; done
t_digest=$(date +%s%N)
STORM_SENT=$(psql_ -c "select count(*) from notifications where rule_id = '$STORM' and kind = 'firing' and status = 'sent'")
STORM_HELD=$(psql_ -c "select count(*) from notifications where rule_id = '$STORM' and kind = 'firing' and status = 'throttled'")
STORM_DIGESTS=$(psql_ -c "select count(*) from notifications where rule_id = '$STORM' and kind = 'digest' and status = 'sent'")
ms() { echo "($1 - $t0) / 1000000" | bc; }
"$WLP/bin/server" stop pulse >/dev/null 2>&1 || true

cat <<EOF2

Alerting benchmarks, $RUNS runs ($(nproc) cores, $(date -u +%Y-%m-%d)):
  evaluation, 1,000 enabled rules, 100-event batches on 2 connections (wrk -t1 -c2, delay ${DELAY_MS} ms):
    events/s achieved (median):             $(median <"$TMP/events")
    stream lag at the end of each run:      $(tr '\n' ' ' <"$TMP/lag")
    rule evaluations/s (median):            $(printf %.0f "$(median <"$TMP/rules_per_s")")
    evaluation pass, mean (median of runs): $(printf %.2f "$(median <"$TMP/eval_ms")") ms
  event 202 -> webhook received ($(wc -l <"$TMP/load.ms") probes under load, $(wc -l <"$TMP/idle.ms") idle):
    under load: p50 $(pct 50 <"$TMP/load.ms") ms, p99 $(pct 99 <"$TMP/load.ms") ms
    idle:       p50 $(pct 50 <"$TMP/idle.ms") ms, p99 $(pct 99 <"$TMP/idle.ms") ms
  storm, 10,000 events over 500 groups (10 batches of 1,000):
    202s for all:                  $(ms "$t_sent") ms
    500 alerts recorded after:     $(ms "$t_alerts") ms
    every notification decided:    $(ms "$t_decided") ms ($STORM_SENT sent, $STORM_HELD held back)
    every held-back one sent in a digest after: $(ms "$t_digest") ms ($STORM_DIGESTS digest(s))
EOF2
