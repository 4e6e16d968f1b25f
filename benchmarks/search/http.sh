#!/usr/bin/env bash
# Search over HTTP against a trivial endpoint of the same server, in the same run, with wrk on loopback.
# Usage: [ROUNDS=N] [BINARY=path] benchmarks/search/http.sh [SECONDS]   (needs ../shared beside the repository and wrk installed)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
shared=${SHARED:-../shared}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

# BINARY: another build to measure (to compare two versions on the same machine at the same time).
binary=${BINARY:-.build/release/stocktracker}
[ -n "${BINARY:-}" ] || swift build -c release --product stocktracker >/dev/null
work=$(mktemp -d)
# A port nothing listens on (other servers and tests may run on this machine).
port=$((20000 + RANDOM % 20000))
while ss -ltn | grep -q ":$port "; do port=$((20000 + RANDOM % 20000)); done
cleanup() { kill "${server:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$binary" import "$shared/data/us/nasdaqlisted.txt" "$shared/data/us/otherlisted.txt" \
  "$shared/eval/intl-listings.csv" --db "$work/db.sqlite" 2>/dev/null
"$binary" serve --db "$work/db.sqlite" --port "$port" --log-level warning &
server=$!
for _ in $(seq 100); do curl -fs --max-time 1 "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }

# ROUNDS pairs of runs, /health then search, each pair compared on its own: on a shared machine the load of the
# neighbours changes from minute to minute, and a pair's two runs are the closest in time.
rounds=${ROUNDS:-1}
# The server's CPU time (user + system, in clock ticks) and, after a wrk run, its CPU per request: the figure the
# neighbours' load moves least.
server_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
cpu_per_request() {
  awk -v before="$1" -v after="$(server_ticks)" -v hz="$(getconf CLK_TCK)" '/requests in/ {
    printf "server CPU per request: %.1f us\n", (after - before) * 1e6 / hz / $1 }' "$2"
}
queries=$(($(wc -l < "$shared/eval/search-dev.tsv") - 1))
# Warm-up, not measured: the first requests fault in the index, the pre-written JSON and the server's buffers.
wrk -t2 -c32 -d3s "http://127.0.0.1:$port/health" >/dev/null
wrk -t2 -c32 -d3s -s benchmarks/search/wrk-search.lua "http://127.0.0.1:$port" -- "$shared/eval/search-dev.tsv" >/dev/null
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== trivial endpoint: GET /health"
  ticks=$(server_ticks)
  wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port/health" | tee "$work/health.txt"
  cpu_per_request "$ticks" "$work/health.txt"
  echo "== search: GET /security?q=... over the $queries dev queries"
  ticks=$(server_ticks)
  wrk -t2 -c32 -d"${seconds}s" --latency -s benchmarks/search/wrk-search.lua "http://127.0.0.1:$port" \
    -- "$shared/eval/search-dev.tsv" | tee "$work/search.txt"
  cpu_per_request "$ticks" "$work/search.txt"
  health=$(awk '/Requests\/sec/ {print $2}' "$work/health.txt")
  search=$(awk '/Requests\/sec/ {print $2}' "$work/search.txt")
  echo "search throughput = $(awk -v s="$search" -v h="$health" 'BEGIN {printf "%.1f", 100 * s / h}')% of /health"
done
