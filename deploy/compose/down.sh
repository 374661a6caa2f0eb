#!/usr/bin/env bash
# Stops the compose fleet cleanly (SIGTERM, 30 s of grace each, in reverse start order) and removes its containers;
# the named volumes (databases, Kafka's log, the Stripe simulator's state, the search index) stay unless --volumes.
#   deploy/compose/down.sh [--volumes]
source "$(dirname "$0")/lib.sh"
began=$SECONDS
load_env
mkdir -p "$COMPOSE_DIR/target"; umask 077
# stop first (SIGTERM, then SIGKILL after the timeout) and show how each process ended: 143 = it stopped on SIGTERM
# (the JVMs shut down gracefully), 0 = exited by itself, 137 = had to be killed
"${COMPOSE[@]}" stop -t "${STOP_TIMEOUT:-30}" >"$COMPOSE_DIR/target/stop.log" 2>&1 || true
podman ps -a --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}' | while read -r name; do
  printf '  %-36s exit %s\n' "$name" "$(podman inspect -f '{{.State.ExitCode}}' "$name")"
done >&2
args=(down -t "${STOP_TIMEOUT:-30}")
[[ ${1:-} == --volumes ]] && args+=(-v)
"${COMPOSE[@]}" "${args[@]}" >"$COMPOSE_DIR/target/down.log" 2>&1 || { tail -20 "$COMPOSE_DIR/target/down.log" >&2; exit 1; }
left=$(podman ps -a --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}')
if [[ -n $left ]]; then
  log "still there: $left"; exit 1
fi
podman network rm -f "${PROJECT}_default" >/dev/null 2>&1 || true
log "stopped and removed in $((SECONDS - began)) s${args[3]:+, volumes removed}"
