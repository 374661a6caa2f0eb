#!/bin/bash
# Redis's entry point in starrymeet/redis (deploy/images/make-infra.sh): REDIS_PASSWORD (required) becomes requirepass
# through a config file under /tmp (not the command line, which ps shows). Nothing is persisted: the fleet keeps
# rate-limit buckets, deny-listed tokens (at most 15 min old), presence and cache entries there.
set -euo pipefail
: "${REDIS_PASSWORD:?REDIS_PASSWORD is required}"
conf=$(mktemp /tmp/redis.XXXXXX.conf)
chmod 600 "$conf"
cat >"$conf" <<CONF
bind 0.0.0.0 -::*
port ${REDIS_PORT:-6379}
protected-mode no
requirepass $REDIS_PASSWORD
save ""
appendonly no
dir /tmp
maxmemory ${REDIS_MAXMEMORY:-128mb}
maxmemory-policy ${REDIS_MAXMEMORY_POLICY:-volatile-lru}
CONF
exec redis-server "$conf" "$@"
