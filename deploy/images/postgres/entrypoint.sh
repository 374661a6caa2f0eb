#!/bin/bash
# PostgreSQL's entry point in starrymeet/postgres (deploy/images/make-infra.sh), with the official image's contract:
# POSTGRES_PASSWORD (required on first start), POSTGRES_USER (postgres), PGDATA (/var/lib/postgresql/data); on the
# first start the scripts in /docker-entrypoint-initdb.d (*.sh, *.sql) run against a server that listens on its
# socket only. Then postgres runs in the foreground (SIGTERM: smart shutdown; SIGINT: fast).
set -euo pipefail
export PGDATA=${PGDATA:-/var/lib/postgresql/data}
export PATH=/usr/lib/postgresql/17/bin:$PATH
user=${POSTGRES_USER:-postgres}
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required to initialise the database}"
  mkdir -p "$PGDATA"; chmod 700 "$PGDATA"
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" >/dev/null
  {
    echo "listen_addresses = '*'"
    echo "max_connections = ${POSTGRES_MAX_CONNECTIONS:-200}"
    echo "shared_buffers = ${POSTGRES_SHARED_BUFFERS:-128MB}"
  } >>"$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" -w start >/dev/null
  for script in /docker-entrypoint-initdb.d/*; do
    case $script in
      *.sh) echo "initdb: running $script"; PGUSER=$user PGHOST=/var/run/postgresql bash "$script" ;;
      *.sql) echo "initdb: running $script"; psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$user" -d postgres -f "$script" ;;
      *) ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "initdb: done"
fi
exec postgres -D "$PGDATA" "$@"
