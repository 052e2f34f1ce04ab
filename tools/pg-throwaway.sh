#!/usr/bin/env bash
# Runs a command with a PostgreSQL server for the tests: `tools/pg-throwaway.sh CMD ARGS...`.
#
# With TEST_POSTGRES_URL set, that server is used and nothing is started. Otherwise Debian's
# `postgresql` package is installed once if missing, a throwaway cluster is created in a
# temporary directory (as the `postgres` user when run as root: initdb refuses root), started
# on a Unix socket in that directory only (no TCP port, so runs never collide), and stopped and
# deleted when the command ends, whatever its outcome. The command sees
#   TEST_POSTGRES_URL   a superuser URL (each test creates its own database from it)
#   TEST_PG_BIN         the server's bin directory (pg_dump of the same version)
#   LOANLENS_REQUIRE_POSTGRES=1   so a Postgres test fails instead of skipping.
# PG_THROWAWAY_DURABLE=1 keeps fsync on (benchmarks); tests run with fsync off.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: tools/pg-throwaway.sh CMD [ARGS...]"; exit 64; }
export LOANLENS_REQUIRE_POSTGRES=1
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  exec "$@"
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "== installing Debian's postgresql (once, ~1 minute)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi
[ -x "$bin/initdb" ] || { echo "no initdb under /usr/lib/postgresql/*/bin"; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/loanlens-pg.XXXXXX")
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_pg() { runuser -u postgres -- "$@"; }
fi
stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_pg "$bin/initdb" -D "$dir/data" -A trust -U loanlens -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log"; exit 1; }
fsync=off
[ "${PG_THROWAWAY_DURABLE:-}" = 1 ] && fsync=on
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-k $dir -c listen_addresses= -c max_connections=400 -c fsync=$fsync -c full_page_writes=$fsync" \
  start >/dev/null || { cat "$dir/server.log"; exit 1; }

export TEST_POSTGRES_URL="postgres://loanlens@localhost/postgres?host=$dir"
export TEST_PG_BIN="$bin"
echo "== throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $dir (fsync $fsync)"
"$@"
