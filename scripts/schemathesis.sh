#!/usr/bin/env bash
# Fuzz the committed openapi.yaml against a running server with the demo data, as a coordinator
# and as a focal point: no 5xx and no response outside the schema. Bounded in examples and time.
#
# Uses a throw-away PostgreSQL database when one answers on 127.0.0.1:5432 (as in CI), else a
# throw-away SQLite file. Everything it writes lives in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

EXAMPLES="${SCHEMATHESIS_EXAMPLES:-15}"
MAX_TIME="${SCHEMATHESIS_MAX_TIME:-90}"   # seconds; both users fuzz at once
WORK="$(mktemp -d)"
PORT="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DB="tendik_st_${PORT}"
export TENDIK_VAR_DIR="$WORK" TENDIK_DEBUG=false TENDIK_DEMO_PASSWORD="st-$(date +%s)-pass"
# The fuzzer logs in twice from one address and sends thousands of requests: no lockout here.
export TENDIK_LOGIN_FAILURE_LIMIT=100000
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  createdb -h 127.0.0.1 -U postgres "$DB"
  export TENDIK_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
else
  export TENDIK_DATABASE_URL="sqlite:///$WORK/tendik.sqlite3"
fi

SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [[ "$TENDIK_DATABASE_URL" == postgres* ]]; then dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_demo > /dev/null
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads 2 \
  --timeout 60 > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/territories/" && break
  sleep 0.5
done

token() {
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"$TENDIK_DEMO_PASSWORD\"}" \
    "http://127.0.0.1:$PORT/api/v1/auth/token/" \
    | .venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

# The two users fuzz side by side, so the step stays under a few minutes on two cores; one
# thread each, as hypothesis describes its strategies thread-unsafely on Python 3.11. Each writes
# its own report, printed in turn. The token endpoints are left out: fuzzing them only exercises
# the lockout, and a logout would end the fuzzer's own token.
fuzz() {
  timeout $((MAX_TIME + 90)) .venv/bin/schemathesis run openapi.yaml \
    --url "http://127.0.0.1:$PORT" -H "Authorization: Token $2" \
    --checks not_a_server_error,response_schema_conformance \
    --exclude-path-regex '^/api/v1/auth/' \
    --max-examples "$EXAMPLES" --max-time "$MAX_TIME" --phases examples,coverage,fuzzing \
    --seed 8 --workers 1 --request-timeout 30 --suppress-health-check all \
    --no-shrink > "$WORK/$1.out" 2>&1
}
echo "== schemathesis as coordinator and focal (max $EXAMPLES examples an operation, ${MAX_TIME}s)"
fuzz coordinator "$(token coordinator)" & COORDINATOR=$!
fuzz focal "$(token focal)" & FOCAL=$!
status=0
wait "$COORDINATOR" || status=1
wait "$FOCAL" || status=1
for user in coordinator focal; do
  echo "== schemathesis as $user"; cat "$WORK/$user.out"
done
if [ "$status" -ne 0 ]; then
  echo "== server log"; tail -n 80 "$WORK/server.log"
fi
echo "== schemathesis step took ${SECONDS}s"
exit "$status"
