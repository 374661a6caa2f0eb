#!/usr/bin/env bash
# The whole fleet from docker-compose.yml with podman, on this machine, then a smoke check through its gateway:
#   deploy/compose/up.sh [--no-smoke]          stop it: deploy/compose/down.sh [--volumes]
# 1. builds the images that are missing (deploy/images/build-all.sh), 2. makes deploy/compose/.env (gen-env.sh) if
# absent, 3. podman-compose up -d in the compose file's start order, waiting for each wave to be healthy: Debian's
# podman-compose 1.0.3 ignores depends_on conditions and podman runs health checks only through systemd timers, so
# this script runs `podman healthcheck run` itself (docker compose needs neither: docker compose --env-file
# deploy/compose/.env up -d --wait), 4. deploy/compose/smoke.sh, and smoke-booking.sh when jq is installed.
# Environment: GATEWAY_PORT (18080), MAILBOX_PORT (18025), STARRYMEET_JAVA_OPTS, READY_TIMEOUT (600 s per wave).
source "$(dirname "$0")/lib.sh"
command -v podman-compose >/dev/null || { echo "needs podman-compose (apt-get install -y podman runc podman-compose)" >&2; exit 1; }
began=$SECONDS
version=${STARRYMEET_VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)}
export STARRYMEET_VERSION=$version
missing=()
for image in starrymeet/postgres:17 starrymeet/redis:8 starrymeet/compose-infra:$version starrymeet/gateway:$version \
    starrymeet/{user,celebrity,booking,payment,notification,search,analytics}-service:$version; do
  podman image exists "$image" || missing+=("$image")
done
if ((${#missing[@]})); then
  log "missing images: ${missing[*]}: deploy/images/build-all.sh"
  "$ROOT/deploy/images/build-all.sh"
fi
load_env

healthy() { # container -> 0 when its health check passes
  podman healthcheck run "$1" >/dev/null 2>&1
}
wave() { # services...: start them and wait until every one is healthy
  local started=$SECONDS deadline=$((SECONDS + ${READY_TIMEOUT:-600})) pending=("$@")
  log "starting: $*"
  "${COMPOSE[@]}" up -d --no-build "$@" >"$COMPOSE_DIR/target/up-$1.log" 2>&1 || {
    tail -20 "$COMPOSE_DIR/target/up-$1.log" >&2; return 1; }
  while ((${#pending[@]})); do
    local still=()
    for service in "${pending[@]}"; do
      local name; name=$(container "$service")
      if healthy "$name"; then
        log "  $service healthy after $((SECONDS - started)) s ($((SECONDS - began)) s since start)"
      elif [[ $(podman inspect -f '{{.State.Status}}' "$name" 2>/dev/null) == exited ]] && ((SECONDS > started + 30)) \
          && [[ $(podman inspect -f '{{.State.Restarting}}' "$name" 2>/dev/null) != true ]]; then
        still+=("$service")
        log "  $service exited ($(podman inspect -f '{{.State.ExitCode}}' "$name")); its log ends:"
        podman logs --tail 15 "$name" >&2 || true
        podman start "$name" >/dev/null 2>&1 || true
      else
        still+=("$service")
      fi
    done
    pending=("${still[@]}")
    ((${#pending[@]})) || break
    if ((SECONDS > deadline)); then
      log "not healthy within ${READY_TIMEOUT:-600} s: ${pending[*]}"
      for service in "${pending[@]}"; do podman logs --tail 30 "$(container "$service")" >&2 || true; done
      return 1
    fi
    sleep 5
  done
}
mkdir -p "$COMPOSE_DIR/target"
umask 077   # podman-compose prints each podman run, environment (secrets) included, into target/up-*.log
# the compose file's depends_on order, in waves (a service starts once what it depends on is healthy)
wave postgres redis kafka mailbox stripe
wave user-service
wave celebrity-service payment-service analytics-service
wave booking-service notification-service search-service
wave gateway
log "fleet healthy in $((SECONDS - began)) s; gateway http://127.0.0.1:${GATEWAY_PORT:-18080}, mailbox http://127.0.0.1:${MAILBOX_PORT:-18025}/messages"
podman ps --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}\t{{.Status}}' >&2
if [[ ${1:-} != --no-smoke ]]; then
  "$COMPOSE_DIR/smoke.sh"
  if command -v jq >/dev/null; then "$COMPOSE_DIR/smoke-booking.sh"; else log "jq not installed: smoke-booking.sh skipped"; fi
fi
