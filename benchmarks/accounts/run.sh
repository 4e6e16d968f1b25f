#!/usr/bin/env bash
# Scale run for accounts and watchlists (docs/benchmarks-accounts.md): 1,000,000 users x 10 items in SQLite,
# server start times, then GET and POST /user/security under wrk with many users' tokens.
# Usage: benchmarks/accounts/run.sh [WORKDIR]   (needs wrk and curl; builds the release binary first)
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
rm -f "$db" "$db-wal" "$db-shm"

swift build -c release --product stocktracker
bin=$(swift build -c release --show-bin-path)/stocktracker

/usr/bin/time -f "import: %e s, %M KB max RSS" \
  "$bin" import /work/shared/data/us/nasdaqlisted.txt /work/shared/data/us/otherlisted.txt --db "$db"

# Milliseconds from launch until GET /health answers.
start_time() {
  local t0 t1
  t0=$(date +%s%N)
  "$bin" serve --db "$db" --port "$port" --log-level warning &
  server=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.005; done
  t1=$(date +%s%N)
  echo "server start ($1): $(( (t1 - t0) / 1000000 )) ms"
}
stop() { kill "$server"; wait "$server" || true; }

start_time "no users"; stop

/usr/bin/time -f "generate-users: %e s, %M KB max RSS" \
  "$bin" generate-users --users "$users" --items "$items" --db "$db" --tokens-file "$work/tokens.txt" --tokens "$tokens"
echo "database: $(du -b "$db" | cut -f1) bytes ($(du -h "$db" | cut -f1))"

start_time "$users users"
max_id=$(sqlite3 "$db" "SELECT max(id) FROM security" 2>/dev/null || echo 1000)
export TOKENS_FILE="$work/tokens.txt" MAX_SECURITY_ID="$max_id"
wrk -t2 -c16 -d"$duration" --latency -s benchmarks/accounts/watchlist-get.lua "http://127.0.0.1:$port"
wrk -t2 -c16 -d"$duration" --latency -s benchmarks/accounts/watchlist-post.lua "http://127.0.0.1:$port"
stop
