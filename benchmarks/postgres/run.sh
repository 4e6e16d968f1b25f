#!/usr/bin/env bash
# Scale run for watchlists on PostgreSQL (docs/benchmarks.md): 1,000,000 users x 10 items generated
# inside PostgreSQL, then GET and POST /user/security under wrk with many users' tokens, against one node.
# Usage: STOCKTRACKER_DATABASE_URL=postgres://... benchmarks/postgres/run.sh [WORKDIR]
#   The database must be empty (the script imports the listing). Needs wrk, curl and psql; builds the release
#   binary first. Without STOCKTRACKER_DATABASE_URL it starts a throwaway cluster (.ci/postgres-cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/stocktracker-postgres-bench}
users=${USERS:-1000000}
items=${ITEMS:-10}
tokens=${TOKENS:-1000}
duration=${DURATION:-20s}
port=${PORT:-18090}
shared=${SHARED:-../shared}
mkdir -p "$work"

if [ -z "${STOCKTRACKER_DATABASE_URL:-}" ]; then
  source .ci/postgres-cluster.sh
  start_postgres_cluster
  trap stop_postgres_cluster EXIT
  STOCKTRACKER_DATABASE_URL=$STOCKTRACKER_TEST_POSTGRES_URL
fi
export STOCKTRACKER_DATABASE_URL

swift build -c release --product stocktracker
bin=$(swift build -c release --show-bin-path)/stocktracker

/usr/bin/time -f "import: %e s, %M KB max RSS" "$bin" import \
  "$shared/data/us/nasdaqlisted.txt" "$shared/data/us/otherlisted.txt" "$shared/eval/intl-listings.csv"
/usr/bin/time -f "generate-users: %e s, %M KB max RSS" "$bin" generate-users --users "$users" --items "$items" \
  --batch-size 100000 --tokens-file "$work/tokens.txt" --tokens "$tokens"
psql "$STOCKTRACKER_DATABASE_URL" -qc "VACUUM ANALYZE"
psql "$STOCKTRACKER_DATABASE_URL" -tAc \
  "SELECT 'accounts ' || (SELECT count(*) FROM account) || ', watchlist items ' || (SELECT count(*) FROM watchlist_item)
          || ', database ' || pg_size_pretty(pg_database_size(current_database()))"

"$bin" serve --port "$port" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true; type stop_postgres_cluster >/dev/null 2>&1 && stop_postgres_cluster' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.05; done

export TOKENS_FILE="$work/tokens.txt"
MAX_SECURITY_ID=$(psql "$STOCKTRACKER_DATABASE_URL" -tAc "SELECT max(id) FROM security")
export MAX_SECURITY_ID
wrk -t2 -c16 -d"$duration" --latency -s benchmarks/accounts/watchlist-get.lua "http://127.0.0.1:$port"
wrk -t2 -c16 -d"$duration" --latency -s benchmarks/accounts/watchlist-post.lua "http://127.0.0.1:$port"
