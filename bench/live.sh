#!/usr/bin/env bash
# Live delivery benchmarks (issue 10), each beside a baseline measured in the same run on the same machine.
#
#   bench/live.sh [RUNS]    (default 3; probe latencies pool the probes of RUNS runs, fan-out
#                            figures are the median of RUNS runs)
#
# 1. event 202 -> alert frame at a WebSocket client: a node `ws` client (bench/live/probe.mjs)
#    subscribed to the project's alerts POSTs probe events, each opening an alert of its own
#    (group_by tags.probe, count > 0), and times the frame's arrival from the 202 (process.hrtime,
#    same process); under ~5,000 events/s of background load (wrk, 100-event batches, 1,000 enabled
#    rules, as bench/alerting.sh) and, as the baseline, the same probes with no load;
# 2. fan-out: 10,000 concurrent `ws` clients in 2 node processes (bench/live/fanout.mjs), all
#    subscribed to the project's alerts; 3 unmeasured + 20 measured alerts 1 s apart; per-client
#    latency from the alert's own `at` (the evaluation that raised it) and from the trigger's 202
#    to each client's receipt; Liberty's RSS before connecting and with 10,000 clients connected;
# 3. raw baseline: a minimal node `ws` server (bench/live/raw-server.mjs) broadcasting the frame
#    captured from Pulse (same size, `at` stamped at the broadcast) to the same 10,000 clients,
#    timed the same way; Pulse/raw ratios.
# BENCH_ONLY=fanout skips 1 (and the 1,000 rules); BENCH_JFR=FILE records a JFR profile of Liberty
# (settings=profile) into FILE.
# Own Redis, PostgreSQL and Liberty on ports 6493, 5543 and 9184 (HTTPS 9546) under
# .pulse/bench-live, the raw server on 9292; removed afterwards. Needs node 20 + npm (installs
# `ws` into bench/live/node_modules with npm ci). Method and figures: docs/BENCHMARKS.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
DIR=$ROOT/.pulse/bench-live
WLP=$ROOT/ear/target/liberty/wlp
LIVE=$ROOT/bench/live
REDIS_PORT=6493 PG_PORT=5543 HTTP_PORT=9184 RAW_PORT=9292
WARMUP=${BENCH_WARMUP:-30s}
LOAD=${BENCH_DURATION:-20s}
DELAY_MS=${BENCH_DELAY_MS:-30}   # per connection between 100-event batches: ~5,000 events/s on 2 connections
PROBES=${BENCH_PROBES:-40}
CLIENTS=${BENCH_CLIENTS:-10000}
CLIENT_PROCS=${BENCH_CLIENT_PROCS:-2}
ALERTS=${BENCH_ALERTS:-20}
GAP_MS=${BENCH_GAP_MS:-1000}
ONLY=${BENCH_ONLY:-}
BASE=http://127.0.0.1:$HTTP_PORT
TMP=$(mktemp -d)
touch "$TMP/idle.ms" "$TMP/load.ms" "$TMP/events" "$TMP/lag"

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; print a[i]}'; }
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
server_pid() { cat "$WLP/usr/servers/.pid/pulse.pid"; }
field() { grep -o "\"$1\":[0-9.]*" | cut -d: -f2; } # field name < JSON lines -> one value per line

for tool in wrk bc; do
  command -v $tool >/dev/null || { say "installing $tool"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done
command -v node >/dev/null && command -v npm >/dev/null || { say "needs node 20 and npm"; exit 1; }
[ -d "$LIVE/node_modules/ws" ] || (cd "$LIVE" && npm ci --no-audit --no-fund --loglevel=error)
# 10,000 sockets: Liberty (started from this shell) and the client processes need the descriptors.
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((CLIENTS + 2000)) ] || { say "ulimit -n $(ulimit -n) is too low for $CLIENTS clients"; exit 1; }

cleanup() {
  [ -n "${RAW_PID:-}" ] && kill "$RAW_PID" 2>/dev/null || true
  [ -n "${WRK:-}" ] && kill "$WRK" 2>/dev/null || true
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
export PULSE_DB_USER=pulse PULSE_DB_PASSWORD=pulse PULSE_HTTP_PORT=$HTTP_PORT PULSE_HTTPS_PORT=9546
export PULSE_MAX_BACKLOG=1000000000 PULSE_BOOTSTRAP_KEY=bench_bootstrap_key_0123456789
export PULSE_ADMIN_EMAIL=bench@pulse.local PULSE_ADMIN_PASSWORD=bench-admin-password
export PULSE_AUTH_LOGIN_ACCOUNT_PER_MINUTE=1000000 PULSE_AUTH_LOGIN_ADDRESS_PER_MINUTE=1000000
# All clients are the admin: lift the per-user cap (default 20). The send queue keeps its default.
export PULSE_LIVE_MAX_CONNECTIONS_PER_USER=$((CLIENTS + 100))
[ -x "$WLP/bin/server" ] || (cd "$ROOT" && mvn -B -q -ntp -DskipTests install)

JFR=${BENCH_JFR:+-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true}
JVM_ARGS="${JVM_ARGS:-} $JFR" "$WLP/bin/server" start pulse >/dev/null # not `server stop`'s JVM
until curl -fs "$BASE/health/started" >/dev/null 2>&1; do sleep 0.2; done

LOGIN='{"email":"'$PULSE_ADMIN_EMAIL'","password":"'$PULSE_ADMIN_PASSWORD'"}'
login() { curl -fsS "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "$LOGIN" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
TOKEN=$(login)
api() { curl -fsS "$BASE/api/v1/projects/default$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "${@:2}"; }

[ "$ONLY" = fanout ] || {
say "creating 1,000 threshold rules (bench.0 .. bench.999, never crossed), the probe and the fan-out rule"
for i in $(seq 0 999); do
  printf '{"name":"bench %s","kind":"threshold","signal":"events","match":{"type":"bench.%s"},"aggregate":"count","window":"1m","group_by":["source"],"op":">","threshold":1000000000,"severity":"info"}' "$i" "$i" >"$TMP/rule.json"
  api /rules -d @"$TMP/rule.json" -o /dev/null
done
}
api /rules -o /dev/null -d '{"name":"probe","kind":"threshold","signal":"events","match":{"type":"probe"},"aggregate":"count","window":"10s","group_by":["tags.probe"],"op":">","threshold":0,"severity":"critical"}'
# Fan-out alerts stay firing for the whole bench (1 h window): no resolutions among the measured frames.
api /rules -o /dev/null -d '{"name":"fanout","kind":"threshold","signal":"events","match":{"type":"fanout"},"aggregate":"count","window":"1h","group_by":["tags.probe"],"op":">","threshold":0,"severity":"critical"}'
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

probes() { # prefix [count]: latencies (ms), one per line, of the probes' frames
  node "$LIVE/probe.mjs" --base "$BASE" --token "$(login)" --key "$PULSE_BOOTSTRAP_KEY" --prefix "$1" --count "${2:-$PROBES}" --gap 400
}

if [ "$ONLY" != fanout ]; then
say "warm-up: $WARMUP of the load, with probes (unmeasured)"
wrk -t1 -c2 -d"$WARMUP" -s "$TMP/load.lua" "$BASE" >/dev/null & WRK=$!
sleep 2; probes warm 60 >/dev/null; wait $WRK; WRK=
for r in $(seq 1 "$RUNS"); do
  sleep 3
  probes "idle$r" >>"$TMP/idle.ms"
  wrk -t1 -c2 -d"$LOAD" -s "$TMP/load.lua" "$BASE" >"$TMP/w" & WRK=$!
  sleep 2; probes "load$r" >>"$TMP/load.ms"; wait $WRK; WRK=
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/w")
  grep -q 'Non-2xx' "$TMP/w" && say "WARNING: $(grep Non-2xx "$TMP/w")"
  lag=$(rcli xinfo groups pulse:events | awk 'prev == "lag" {print; exit} {prev = $0}')
  echo "$rps * 100" | bc >>"$TMP/events"
  echo "$lag" >>"$TMP/lag"
  say "  run $r: $(tail -1 "$TMP/events") events/s, lag at the end $lag; probes so far: idle p50 $(pct 50 <"$TMP/idle.ms") ms, load p50 $(pct 50 <"$TMP/load.ms") ms"
done
sleep 5
fi

say "fan-out: $CLIENTS clients in $CLIENT_PROCS processes, 3 + $ALERTS alerts ${GAP_MS} ms apart, Pulse then raw, $RUNS runs"
for r in $(seq 1 "$RUNS"); do
  node "$LIVE/fanout.mjs" --mode pulse --ws "ws://127.0.0.1:$HTTP_PORT/live/ws?token=$(login)" \
    --trigger "$BASE/api/v1/events" --key "$PULSE_BOOTSTRAP_KEY" --run "$r" --clients "$CLIENTS" \
    --procs "$CLIENT_PROCS" --alerts "$ALERTS" --warm 3 --gap "$GAP_MS" --pid "$(server_pid)" \
    --save-frame "$TMP/frame.json" | tee -a "$TMP/pulse.jsonl" >&2
  [ -s "$TMP/frame.json" ] || { say "no alert frame reached the clients"; exit 1; }
  node "$LIVE/raw-server.mjs" --port "$RAW_PORT" --frame "$TMP/frame.json" & RAW_PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:$RAW_PORT/"; do sleep 0.1; done
  node "$LIVE/fanout.mjs" --mode raw --ws "ws://127.0.0.1:$RAW_PORT/live/ws" \
    --trigger "http://127.0.0.1:$RAW_PORT/trigger" --run "$r" --clients "$CLIENTS" \
    --procs "$CLIENT_PROCS" --alerts "$ALERTS" --warm 3 --gap "$GAP_MS" --pid "$RAW_PID" | tee -a "$TMP/raw.jsonl" >&2
  kill "$RAW_PID"; wait "$RAW_PID" 2>/dev/null || true; RAW_PID=
  sleep 3
done
"$WLP/bin/server" stop pulse >/dev/null 2>&1 || true

m() { field "$1" <"$TMP/$2.jsonl" | median; }                   # median over runs
mib() { echo "$(m "$1" "$2") / 1024" | bc; }
ratio() { echo "scale=1; $(m "$1" pulse) / $(m "$1" raw)" | bc; }
cat <<EOF2

Live delivery benchmarks, $RUNS runs ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC):
  event 202 -> alert frame at a ws client ($(wc -l <"$TMP/load.ms") probes under load, $(wc -l <"$TMP/idle.ms") idle; expected $((RUNS * PROBES)) each):
    under load ($(median <"$TMP/events") events/s median, 1,000 rules, lag at the end: $(tr '\n' ' ' <"$TMP/lag")):
                p50 $(pct 50 <"$TMP/load.ms") ms, p99 $(pct 99 <"$TMP/load.ms") ms, max $(pct 100 <"$TMP/load.ms") ms
    idle:       p50 $(pct 50 <"$TMP/idle.ms") ms, p99 $(pct 99 <"$TMP/idle.ms") ms, max $(pct 100 <"$TMP/idle.ms") ms
  fan-out to $CLIENTS clients, $ALERTS alerts per run, frame $(m frame_bytes pulse) bytes (medians of $RUNS runs):
    | figure                         | Pulse | raw ws server | Pulse/raw |
    |--------------------------------|-------|---------------|-----------|
    | clients subscribed             | $(m clients pulse) | $(m clients raw) | |
    | deliveries / expected per run  | $(m deliveries pulse) / $(m expected pulse) | $(m deliveries raw) / $(m expected raw) | |
    | alert at -> client, p50 (ms)   | $(m at_p50 pulse) | $(m at_p50 raw) | $(ratio at_p50) |
    | alert at -> client, p99 (ms)   | $(m at_p99 pulse) | $(m at_p99 raw) | $(ratio at_p99) |
    | alert at -> last client (ms)   | $(m last_client_p50 pulse) | $(m last_client_p50 raw) | $(ratio last_client_p50) |
    | trigger 202 -> client, p50 (ms)| $(m ack_p50 pulse) | $(m ack_p50 raw) | |
    | trigger 202 -> client, p99 (ms)| $(m ack_p99 pulse) | $(m ack_p99 raw) | |
    | connect + subscribe all (s)    | $(m connect_s pulse) | $(m connect_s raw) | |
    | server RSS before (MiB)        | $(mib rss_before_kb pulse) | $(mib rss_before_kb raw) | |
    | server RSS, clients connected  | $(mib rss_connected_kb pulse) | $(mib rss_connected_kb raw) | |
    | server RSS after the alerts    | $(mib rss_after_kb pulse) | $(mib rss_after_kb raw) | |
  per run (Pulse / raw): at p50 $(field at_p50 <"$TMP/pulse.jsonl" | tr '\n' ' ')/ $(field at_p50 <"$TMP/raw.jsonl" | tr '\n' ' ')ms; at p99 $(field at_p99 <"$TMP/pulse.jsonl" | tr '\n' ' ')/ $(field at_p99 <"$TMP/raw.jsonl" | tr '\n' ' ')ms
  close codes seen during the runs: Pulse $(grep -o '"closes":{[^}]*}' "$TMP/pulse.jsonl" | tr '\n' ' '); raw $(grep -o '"closes":{[^}]*}' "$TMP/raw.jsonl" | tr '\n' ' ')
EOF2
