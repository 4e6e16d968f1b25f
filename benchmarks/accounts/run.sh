#!/usr/bin/env bash
# Scale run for accounts and watchlists (docs/benchmarks.md): 1,000,000 users x 10 items in SQLite,
# server start times, then GET and POST /user/security under wrk with many users' tokens.
# Usage: benchmarks/accounts/run.sh [WORKDIR]   (needs wrk, curl and sqlite3; builds the release binary)
# REUSE=1 keeps an existing WORKDIR/bench.sqlite and tokens.txt and only runs the server measurements.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/stocktracker-accounts-bench}
users=${USERS:-1000000}
items=${ITEMS:-10}
tokens=${TOKENS:-10000}
duration=${DURATION:-20s}
port=${PORT:-18080}
mkdir -p "$work"
db="$work/bench.sqlite"

swift build -c release --product stocktracker
bin=$(swift build -c release --show-bin-path)/stocktracker

# Milliseconds from launch until GET /health answers.
start_server() {
  local t0 t1
  t0=$(date +%s%N)
  "$bin" serve --db "$db" --port "$port" --log-level warning &
  server=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.005; done
  t1=$(date +%s%N)
  echo "server start ($1): $(( (t1 - t0) / 1000000 )) ms"
}
stop_server() { kill "$server"; wait "$server" || true; }

if [[ ${REUSE:-0} != 1 || ! -f $db ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f "import: %e s" \
    "$bin" import ${SHARED:-../shared}/data/us/nasdaqlisted.txt ${SHARED:-../shared}/data/us/otherlisted.txt --db "$db"
  for run in 1 2 3; do start_server "listing only, run $run"; stop_server; done
  /usr/bin/time -f "generate-users: %e s wall, %U s user, %M KB max RSS" \
    "$bin" generate-users --users "$users" --items "$items" --db "$db" \
    --tokens-file "$work/tokens.txt" --tokens "$tokens"
fi
echo "database: $(du -b "$db" | cut -f1) bytes"
for run in 1 2 3; do start_server "$users users, run $run"; stop_server; done

start_server "$users users, for wrk"
export TOKENS_FILE="$work/tokens.txt" MAX_SECURITY_ID
MAX_SECURITY_ID=$(sqlite3 "$db" "SELECT max(id) FROM security")
bench() { # CONNECTIONS SCRIPT.lua|/PATH
  local target=("http://127.0.0.1:$port")
  if [[ $2 == /* ]]; then target=("http://127.0.0.1:$port$2"); else target=(-s "benchmarks/accounts/$2" "${target[@]}"); fi
  echo "== $2, $1 connection(s), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local before after requests
  before=$(server_cpu_ticks)
  wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$duration" --latency "${target[@]}" | tee "$work/wrk.txt"
  after=$(server_cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  echo "server CPU per request: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) us"
}
# User + system CPU time the server has used, in clock ticks.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# One connection: the latency of a request alone. /health is the machine's floor (no database, no auth).
bench 1 /health
bench 1 watchlist-get.lua
bench 1 watchlist-post.lua
# Sixteen connections: throughput (latency is then mostly queueing).
bench 16 watchlist-get.lua
bench 16 watchlist-post.lua
echo "write-ahead log after the runs: $(stat -c %s "$db-wal" 2>/dev/null || echo 0) bytes"
stop_server
