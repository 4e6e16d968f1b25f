# A throwaway PostgreSQL cluster on loopback: a temporary directory, a free port, trust authentication.
# Sourced by .ci/run; usable by hand too:
#   source .ci/postgres-cluster.sh && start_postgres_cluster && echo "$STOCKTRACKER_TEST_POSTGRES_URL"
#   ... stop_postgres_cluster

postgres_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
postgres_dir=""
postgres_port=""

# Runs a PostgreSQL tool as the `postgres` user when we are root (initdb refuses root), else as ourselves.
as_postgres_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The first port from 55432 on that nothing listens on.
free_port() {
  local port
  for port in $(seq 55432 55632); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

start_postgres_cluster() {
  postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/stocktracker-postgres.XXXXXX")
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$postgres_dir"
  postgres_port=$(free_port)
  as_postgres_owner "$postgres_bin/initdb" -D "$postgres_dir/data" --auth=trust -U postgres >"$postgres_dir/initdb.log"
  run_postgres_server
  STOCKTRACKER_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$postgres_port/postgres?sslmode=disable"
}

# Starts the server of the cluster in $postgres_dir on $postgres_port: the first time, and again after a crash
# (the PostgreSQL fault test sets both to its own cluster's).
run_postgres_server() {
  as_postgres_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/log" -w -o \
    "-p $postgres_port -k $postgres_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
}

stop_postgres_cluster() {
  [ -n "$postgres_dir" ] || return 0
  as_postgres_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$postgres_dir"
  postgres_dir=""
}
