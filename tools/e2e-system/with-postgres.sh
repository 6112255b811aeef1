#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server:
#
#   tools/e2e-system/with-postgres.sh npm run test:postgres:run -w @kjoretoyregister/case-system
#
# Creates a cluster in a temp dir (owned by the `postgres` user when run as root: initdb refuses
# root), starts it on 127.0.0.1 on a free port with a random password, creates a database,
# exports DATABASE_URL for the command, and stops and removes everything afterwards, also when the
# command fails. With DATABASE_URL already set, it just runs the command against that server.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command…>" >&2
  exit 2
fi
if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bindir="$(bash "$here/ensure-postgres.sh")"

workdir="$(mktemp -d "${TMPDIR:-/tmp}/case-system-pg.XXXXXX")"
password="$(node -e "process.stdout.write(require('crypto').randomBytes(18).toString('hex'))")"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})")"

if [ "$(id -u)" = "0" ]; then
  chown postgres:postgres "$workdir"
  as_postgres() { runuser -u postgres -- "$@"; }
  superuser=postgres
else
  as_postgres() { "$@"; }
  superuser="$(id -un)"
fi

cleanup() {
  local status=$?
  as_postgres "$bindir/pg_ctl" -D "$workdir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT INT TERM

printf '%s\n' "$password" >"$workdir/pwfile"
chmod 600 "$workdir/pwfile"
[ "$(id -u)" = "0" ] && chown postgres:postgres "$workdir/pwfile"
as_postgres "$bindir/initdb" -D "$workdir/data" -U "$superuser" --pwfile="$workdir/pwfile" \
  --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$workdir/initdb.log" 2>&1 ||
  { cat "$workdir/initdb.log" >&2; exit 1; }
rm -f "$workdir/pwfile"

# Throwaway and local: no fsync, enough connections for several app instances and the tests.
as_postgres "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$workdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

export PGPASSWORD="$password"
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$superuser" case_system
unset PGPASSWORD

export DATABASE_URL="postgres://${superuser}:${password}@127.0.0.1:${port}/case_system"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (temporary cluster)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
