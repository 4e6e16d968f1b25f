#!/usr/bin/env bash
# The test command (README; .ci/run runs it): installs what the suites need (as root: apt-get and pip), starts a
# throwaway PostgreSQL cluster for the storage and cluster tests, checks the module rules, runs `swift build` and
# `swift test`, then the API-fuzz suite: schemathesis against a live `stocktracker serve` with a logged-in token,
# checking every answer against GET /openapi.json; then the browser suite: the web client in Debian's headless
# chromium, driven by Playwright for Python, against a live `stocktracker serve` (Tests/Browser).
#
#   scripts/test.sh              everything, as .ci/run does
#   scripts/test.sh api-fuzz     only `swift build` and the API-fuzz suite
#   scripts/test.sh browser      only `swift build` and the browser suite
#
# Prefix it with `nice -n 10` on a shared machine. The API-fuzz server's log and schemathesis's reports are left in
# .build/api-fuzz/, the browser suite's log in .build/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."

# schemathesis's CLI changed across versions (v4 renamed --hypothesis-* and the checks): pinned.
schemathesis_version=4.32.5
# Playwright drives Debian's chromium (its own browser download is not used): only its Python package is pinned.
playwright_version=1.65.2
suites="${1:-all}"
[[ "$suites" == all || "$suites" == api-fuzz || "$suites" == browser ]] \
  || { echo "usage: scripts/test.sh [api-fuzz|browser]" >&2; exit 2; }

install_packages() {
  local need=() package
  # chromium and fonts-noto-cjk (Japanese names) for the browser suite.
  for package in libsqlite3-dev libicu-dev tmux curl chromium fonts-noto-cjk; do
    dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
  done
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql postgresql-contrib)
  # python3 and its pip may come from elsewhere than Debian (pyenv here).
  python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  fi
  if [[ "$(schemathesis --version 2>/dev/null)" != *"$schemathesis_version"* ]]; then
    echo "installing: schemathesis $schemathesis_version"
    python3 -m pip install --quiet "schemathesis==$schemathesis_version" \
      || python3 -m pip install --quiet --break-system-packages "schemathesis==$schemathesis_version"
  fi
  if [[ "$(python3 -m pip show playwright 2>/dev/null)" != *"Version: $playwright_version"* ]]; then
    echo "installing: playwright $playwright_version"
    python3 -m pip install --quiet "playwright==$playwright_version" \
      || python3 -m pip install --quiet --break-system-packages "playwright==$playwright_version"
  fi
}

run_swift_suites() {
  source .ci/postgres-cluster.sh
  start_postgres_cluster
  trap stop_postgres_cluster EXIT
  export STOCKTRACKER_TEST_POSTGRES_URL
  echo "PostgreSQL for the tests: $STOCKTRACKER_TEST_POSTGRES_URL"
  swift --version
  # Which module may see which (docs/architecture.md).
  .ci/check-modules.sh
  # The cluster test, the terminal client's end-to-end test (in tmux) and the API-fuzz suite spawn the built
  # `stocktracker` binary, so build it before the tests.
  swift build
  # A failing suite does not stop the API fuzzing: every suite runs, the script fails if any did. One test at a
  # time: many suites start real servers and wait on ticks and sockets with deadlines, which all the tests at once
  # on two cores made miss now and then (2 min 20 s serially, about 70 s in parallel).
  swift test --no-parallel || swift_status=$?
  stop_postgres_cluster
  trap - EXIT
}

# A TCP port on loopback that nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# POSTs JSON to the API-fuzz server; prints the body, fails on a status other than $3.
post_json() {
  local path="$1" body="$2" expected="$3" answer
  answer=$(curl -sS -o /dev/stdout -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$base$path")
  [[ "${answer##*$'\n'}" == "$expected" ]] || { echo "POST $path: ${answer//$'\n'/ }" >&2; return 1; }
  echo "${answer%$'\n'*}"
}

server=""
data=""
stop_api_fuzz_server() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n "$data" ]]; then rm -rf "$data"; fi
  server="" data=""
}

run_api_fuzz() {
  local out=.build/api-fuzz binary=.build/debug/stocktracker port
  command -v schemathesis >/dev/null || { echo "schemathesis is missing: pip install schemathesis==$schemathesis_version" >&2; return 1; }
  # Called as `run_api_fuzz || ...`, where bash ignores `set -e`: each step that can fail returns by itself.
  rm -rf "$out" && mkdir -p "$out" || return 1
  data=$(mktemp -d "${TMPDIR:-/tmp}/stocktracker-api-fuzz.XXXXXX") || return 1
  port=$(free_port) || return 1
  base="http://127.0.0.1:$port"
  # Lowest bcrypt cost and raised account limits: schemathesis registers hundreds of accounts from one address.
  local serve=("$binary" serve --host 127.0.0.1 --port "$port" --db "$data/api-fuzz.sqlite" --bcrypt-cost 4
    --log-level warning --registrations-per-address 1000000 --max-pending-hashes 10000)
  "${serve[@]}" >"$out/server.log" 2>&1 &
  server=$!
  trap stop_api_fuzz_server EXIT
  local tries
  for tries in $(seq 1 120); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; echo "the API-fuzz server did not start" >&2; return 1; }
    sleep 0.5
  done
  curl -sf "$base/health" >/dev/null || { echo "the API-fuzz server did not answer in 60 s" >&2; return 1; }

  local user="api-fuzz-$RANDOM" password="api fuzz password" token
  post_json /auth/register "{\"username\":\"$user\",\"password\":\"$password\"}" 201 >/dev/null || return 1
  token=$(post_json /auth/login "{\"username\":\"$user\",\"password\":\"$password\"}" 200 \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])') || return 1
  [[ -n "$token" ]] || { echo "no token from POST /auth/login" >&2; return 1; }

  local excluded=(--exclude-path /auth/logout --exclude-path /ws/watchlist)
  echo "API fuzzing: schemathesis $schemathesis_version against $base/openapi.json"
  # One worker: with two, hypothesis's lambda descriptions (Python's ast, not thread-safe) failed a whole operation
  # with "AST constructor recursion depth mismatch", an error of the tool, not of the server.
  local status=0 reports
  reports="$(pwd)/$out"
  # Run from the report folder: schemathesis keeps a cache (.schemathesis/) in its working directory.
  (cd "$out" && schemathesis run "$base/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --header "Authorization: Bearer $token" \
    "${excluded[@]}" \
    --max-examples 250 --workers 1 --seed 14 --generation-database none --no-color \
    --report junit --report-junit-path "$reports/junit.xml") \
    2>&1 | tee "$out/schemathesis.log" || status=$?
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the API-fuzz server died during the run (log: $out/server.log)" >&2
    status=1
  fi
  # The closing line: test cases passed and failed (schemathesis's "Test cases:" figures).
  python3 - "$out/schemathesis.log" <<'EOF' || status=1
import re, sys
log = open(sys.argv[1], encoding="utf-8", errors="replace").read()
summary = log[log.rindex("Test cases:"):] if "Test cases:" in log else ""
def count(pattern):
    match = re.search(pattern, summary)
    return int(match.group(1)) if match else 0
generated, failed, errored = count(r"(\d+) generated"), count(r"(\d+) found \d+ unique failure"), count(r"(\d+) errored")
print(f"schemathesis: {generated - failed - errored} passed, {failed + errored} failed")
sys.exit(1 if generated == 0 or failed or errored else 0)
EOF
  stop_api_fuzz_server
  trap - EXIT
  return "$status"
}

# The browser suite (Tests/Browser): each test starts its own `stocktracker serve` from the build.
run_browser() {
  local out=.build/browser
  python3 -c 'import playwright' 2>/dev/null \
    || { echo "playwright is missing: pip install playwright==$playwright_version" >&2; return 1; }
  mkdir -p "$out" || return 1
  echo "Browser suite: Playwright $playwright_version driving ${STOCKTRACKER_CHROMIUM:-/usr/bin/chromium}"
  python3 -m unittest discover -s Tests/Browser -v 2>&1 | tee "$out/browser.log"
}

swift_status=0
if [ "$(id -u)" = 0 ]; then install_packages; fi
if [[ "$suites" == all ]]; then run_swift_suites; else swift build; fi
api_fuzz_status=0
if [[ "$suites" != browser ]]; then run_api_fuzz || api_fuzz_status=$?; fi
browser_status=0
if [[ "$suites" != api-fuzz ]]; then run_browser || browser_status=$?; fi
if [[ "$swift_status" != 0 ]]; then echo "swift test failed (exit $swift_status)" >&2; fi
if [[ "$browser_status" != 0 ]]; then echo "the browser suite failed (exit $browser_status)" >&2; fi
if [[ "$swift_status" != 0 || "$api_fuzz_status" != 0 || "$browser_status" != 0 ]]; then exit 1; fi
