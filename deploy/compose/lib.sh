# Shared by up.sh, down.sh and smoke.sh (sourced).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
COMPOSE_DIR=$ROOT/deploy/compose
export CONTAINERS_CONF=${CONTAINERS_CONF:-$COMPOSE_DIR/podman/containers.conf}
PROJECT=${COMPOSE_PROJECT_NAME:-starrymeet}
COMPOSE=(podman-compose -p "$PROJECT" -f "$ROOT/docker-compose.yml")
log() { printf '[compose %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
container() { printf '%s_%s_1' "$PROJECT" "$1"; }   # podman-compose 1.0.x names
load_env() {
  [[ -s $COMPOSE_DIR/.env ]] || "$COMPOSE_DIR/gen-env.sh"
  set -a; source "$COMPOSE_DIR/.env"; set +a
}
