#!/usr/bin/env bash
# The lists API at scale (docs/benchmarks.md, "Lists and alerts at 1,000,000 users"): 1,000,000 users x 10 items
# in SQLite or PostgreSQL, then p50/p99 of GET /user/watchlists, GET and POST /user/watchlists/{id}/securities and
# PUT /user/watchlists/{id}/order under wrk with one connection and with 16, /health with one connection as the
# machine's floor, and CPU per request of the server (and of PostgreSQL); ends with a ready-to-paste table.
# Usage: benchmarks/lists/run.sh --backend sqlite|postgres [WORKDIR]
#   REUSE=1 keeps what an earlier run generated in WORKDIR (SQLite: bench.sqlite; PostgreSQL: the cluster in
#   WORKDIR/pg, or STOCKTRACKER_DATABASE_URL's database, which must otherwise be empty) and only measures.
#   USERS (1000000), ITEMS (10), TOKENS (10000 users with a token, spread evenly), DURATION (20s), PORT (18095).
#   BINARY=PATH measures that stocktracker binary instead of building this tree's.
#   Needs wrk, curl, python3 (SQLite) or psql (PostgreSQL); builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/../.."
backend=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --backend) backend=${2:-}; shift 2 || shift ;;
    --backend=*) backend=${1#*=}; shift ;;
    *) break ;;
  esac
done
[[ $backend == sqlite || $backend == postgres ]] || { echo "usage: $0 --backend sqlite|postgres [WORKDIR]" >&2; exit 2; }
work=${1:-/tmp/stocktracker-lists-bench-$backend}
users=${USERS:-1000000}
items=${ITEMS:-10}
tokens=${TOKENS:-10000}
duration=${DURATION:-20s}
port=${PORT:-18095}
shared=${SHARED:-../shared}
listings=("$shared/data/us/nasdaqlisted.txt" "$shared/data/us/otherlisted.txt")
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [[ -n ${BINARY:-} ]]; then
  bin=$BINARY # another build, e.g. main's, for a comparison
else
  nice -n 10 swift build -c release --product stocktracker
  bin=$(swift build -c release --show-bin-path)/stocktracker
fi
server=""
postmaster=""
cleanup() {
  [[ -n $server ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  if [[ -n $postmaster ]]; then as_postgres_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m fast stop >/dev/null; fi
}
trap cleanup EXIT

generate=1
if [[ $backend == sqlite ]]; then
  db="$work/bench.sqlite"
  [[ ${REUSE:-0} == 1 && -f $db ]] && generate=0
  if [[ $generate == 1 ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    "$bin" import "${listings[@]}" --db "$db"
    /usr/bin/time -f "generate-users: %e s wall, %U s user, %M KB max RSS" "$bin" generate-users --users "$users" \
      --items "$items" --db "$db" --tokens-file "$work/tokens.txt" --tokens "$tokens"
  fi
  serve=(--db "$db")
else
  if [[ -z ${STOCKTRACKER_DATABASE_URL:-} ]]; then
    # A cluster of its own in WORKDIR/pg (as .ci/postgres-cluster.sh makes them: fsync off, trust on loopback).
    source .ci/postgres-cluster.sh
    postgres_dir="$work/pg"
    if [[ ${REUSE:-0} != 1 || ! -d $postgres_dir/data ]]; then
      rm -rf "$postgres_dir" && mkdir -p "$postgres_dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$postgres_dir"
      as_postgres_owner "$postgres_bin/initdb" -D "$postgres_dir/data" --auth=trust -U postgres >"$postgres_dir/initdb.log"
    fi
    postgres_port=$(free_port)
    run_postgres_server
    postmaster=$(head -n 1 "$postgres_dir/data/postmaster.pid")
    export STOCKTRACKER_DATABASE_URL="postgres://postgres@127.0.0.1:$postgres_port/postgres?sslmode=disable"
  fi
  accounts=$(psql "$STOCKTRACKER_DATABASE_URL" -tAc "SELECT count(*) FROM account" 2>/dev/null || echo 0)
  [[ ${REUSE:-0} == 1 && $accounts -ge $users ]] && generate=0
  if [[ $generate == 1 ]]; then
    "$bin" import "${listings[@]}"
    /usr/bin/time -f "generate-users: %e s wall, %U s user, %M KB max RSS" "$bin" generate-users --users "$users" \
      --items "$items" --batch-size 100000 --tokens-file "$work/tokens.txt" --tokens "$tokens"
    psql "$STOCKTRACKER_DATABASE_URL" -qc "VACUUM ANALYZE"
  fi
  psql "$STOCKTRACKER_DATABASE_URL" -tAc "SELECT 'database ' || pg_size_pretty(pg_database_size(current_database()))"
  serve=()
fi

# Each token's user, first list and its securities in order: the lines benchmarks/lists/lists.lua reads.
lists="$work/lists.txt"
if [[ $backend == sqlite ]]; then
  echo "database: $(du -b "$db" | cut -f1) bytes"
  MAX_SECURITY_ID=$(python3 benchmarks/lists/token-lists.py "$db" "$work/tokens.txt" "$lists")
else
  psql "$STOCKTRACKER_DATABASE_URL" -qtA -F ' ' >"$lists" <<SQL
CREATE TEMP TABLE bench_token (token TEXT);
\copy bench_token FROM '$work/tokens.txt'
SELECT b.token, w.id, (SELECT string_agg(e.security_id::TEXT, ',' ORDER BY e.position)
                       FROM watchlist_entry e WHERE e.watchlist_id = w.id)
FROM bench_token b JOIN auth_token a ON a.token_hash = sha256(convert_to(b.token, 'UTF8'))
JOIN LATERAL (SELECT id FROM watchlist WHERE account_id = a.account_id ORDER BY id LIMIT 1) w ON true;
SQL
  MAX_SECURITY_ID=$(psql "$STOCKTRACKER_DATABASE_URL" -tAc "SELECT max(id) FROM security")
fi
echo "$(wc -l <"$lists") users with a token and a list in $lists"
export LISTS_FILE=$lists MAX_SECURITY_ID

"$bin" serve "${serve[@]}" --port "$port" --log-level warning &
server=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.05; done

ticks_per_second=$(getconf CLK_TCK)
# User + system CPU of process $1 (0 when it is gone), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The same summed over PostgreSQL's server processes (the postmaster's children); empty without our cluster.
database_ticks() {
  [[ -n $postmaster ]] || return 0
  local total=0 pid
  for pid in $(ps -o pid= --ppid "$postmaster"); do total=$(( total + $(cpu_ticks "$pid") )); done
  echo "$total"
}
# wrk's latency figure ("812.00us", "1.20ms", "2.01s") in ms.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
  else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
per_request() { # TICKS REQUESTS -> microseconds
  [[ -n $1 ]] || { echo "-"; return; }
  echo $(( $1 * 1000000 / ticks_per_second / $2 ))
}

rows=()
bench() { # LABEL CONNECTIONS REQUEST|/PATH
  local label=$1 connections=$2 what=$3 target load cpu0 cpu1 db0 db1 out requests
  if [[ $what == /* ]]; then target=("http://127.0.0.1:$port$what"); else target=(-s benchmarks/lists/lists.lua "http://127.0.0.1:$port"); fi
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "== $label, $connections connection(s), load average $load"
  cpu0=$(cpu_ticks "$server"); db0=$(database_ticks)
  out=$(REQUEST=$what wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"$duration" --latency "${target[@]}")
  cpu1=$(cpu_ticks "$server"); db1=$(database_ticks)
  echo "$out"
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rows+=("| $backend | $label | $connections | $load | $(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")") \
| $(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")") | $(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out") \
| $(per_request $(( cpu1 - cpu0 )) "$requests") | $(per_request "${db0:+$(( db1 - db0 ))}" "$requests") \
| $(awk '/Non-2xx/ {n = $5} END {print n + 0}' <<<"$out") |")
}
bench "GET /health" 1 /health
for connections in 1 16; do
  bench "GET /user/watchlists" "$connections" lists
  bench "GET .../{id}/securities" "$connections" securities
  bench "POST .../{id}/securities" "$connections" add
  bench "PUT .../{id}/order" "$connections" order
done

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), ${BINARY:-$(git rev-parse --short HEAD)}, $backend, $users users x $items items," \
  "$(wc -l <"$lists") users' tokens, wrk $duration per row, $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| backend | request | conns | load avg | p50 ms | p99 ms | req/s | server CPU/req µs | PostgreSQL CPU/req µs | non-2xx |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
