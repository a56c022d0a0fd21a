#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests and print the DSN to eval:
#
#     eval "$(bash .ci/postgres.sh)"      # sets VWE_TEST_PG_DSN (and VWE_TEST_PG_DATA)
#
# Installs Debian's `postgresql` when no server binaries are found (apt-get; needs root),
# runs initdb in a fresh temp dir as the `postgres` OS user (or as yourself when not root),
# starts it on a free port on 127.0.0.1 only (trust auth, nothing else listens), creates the
# database `vwe_test`. Only the `export ...` lines go to stdout; logs go to stderr.
# Stop it with `bash .ci/postgres.sh --stop` (uses $VWE_TEST_PG_DATA, else the last cluster started).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
STATE=/tmp/vwe-pg.last

find_bindir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

BINDIR="$(find_bindir || true)"
if [ "${1:-}" = "--stop" ]; then
  DATA="${VWE_TEST_PG_DATA:-$(cat "$STATE" 2>/dev/null || true)}"
  [ -n "$DATA" ] && [ -n "$BINDIR" ] && [ -f "$DATA/postmaster.pid" ] || { log "nothing to stop"; exit 0; }
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$BINDIR/pg_ctl" -D "$DATA" stop -m fast >&2
  else "$BINDIR/pg_ctl" -D "$DATA" stop -m fast >&2; fi
  rm -rf "$(dirname "$DATA")"
  exit 0
fi
if [ -z "$BINDIR" ]; then
  log "no PostgreSQL server found: installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y postgresql >&2
  BINDIR="$(find_bindir)"
fi
log "using $BINDIR"

# A free TCP port on 127.0.0.1.
PORT="$(python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
)"

BASE="$(mktemp -d /tmp/vwe-pg.XXXXXX)"
DATA="$BASE/data"
RUNAS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$BASE" --shell /bin/bash postgres
  chown postgres "$BASE"
  chmod 700 "$BASE"
  RUNAS=(runuser -u postgres --)
fi

"${RUNAS[@]}" "$BINDIR/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
  || "${RUNAS[@]}" "$BINDIR/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log" >&2; exit 1; }

"${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
  start >&2 || { cat "$BASE/server.log" >&2; exit 1; }

"${RUNAS[@]}" "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres vwe_test >&2

echo "$DATA" >"$STATE"
log "cluster in $DATA on 127.0.0.1:$PORT (stop: bash .ci/postgres.sh --stop)"
echo "export VWE_TEST_PG_DSN=postgresql://postgres@127.0.0.1:$PORT/vwe_test"
echo "export VWE_TEST_PG_DATA=$DATA"
