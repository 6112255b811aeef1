#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries (initdb, pg_ctl) are installed; prints their directory.
# Debian 12 ships PostgreSQL 15 (/usr/lib/postgresql/15/bin). Installs Debian's package as root
# when missing. Starts nothing: with-postgres.sh runs a throwaway cluster of its own.
set -euo pipefail

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if bindir="$(find_bindir)"; then
  echo "$bindir"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "PostgreSQL server binaries not found and this is not root: install Debian's 'postgresql' package" >&2
  exit 1
fi

echo "postgresql: installing Debian's package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends postgresql >&2
find_bindir
