#!/usr/bin/env bash
# ./starrymeet test-containers [maven args]: the same tests as ./starrymeet test, on PostgreSQL, Kafka and Redis in
# containers (common-lib's ContainerInfrastructure, Testcontainers) instead of embedded processes. Uses DOCKER_HOST when
# it answers; otherwise starts podman's Docker-compatible API on a socket of its own (runc runtime and the lowered
# ulimits this machine needs, deploy/compose/podman/containers.conf). The images are made here when missing
# (deploy/images/make-infra.sh, and starrymeet/compose-infra with Jib for Kafka). Where no engine can be had, it prints
# SKIPPED with the reason and exits 77: never reported as passed. Default modules: every module whose tests use the
# shared infrastructure (the fleet smoke tests start processes of their own and are left to ./starrymeet test).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
skip() { echo "SKIPPED (not passed): $*" >&2; exit 77; }
ping_engine() {
  case "${DOCKER_HOST:-}" in
    unix://*) curl -fsS --max-time 3 --unix-socket "${DOCKER_HOST#unix://}" http://d/_ping >/dev/null 2>&1 ;;
    tcp://*) curl -fsS --max-time 3 "http://${DOCKER_HOST#tcp://}/_ping" >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

SERVICE_PID=""
if ! ping_engine; then
  command -v podman >/dev/null || skip "no container engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}) and podman is not installed (apt-get install podman runc)"
  sock="${TMPDIR:-/tmp}/starrymeet-podman-$(id -u).sock"
  rm -f "$sock"
  CONTAINERS_CONF="$ROOT/deploy/compose/podman/containers.conf" \
    podman --runtime /usr/sbin/runc system service --time=0 "unix://$sock" > "${TMPDIR:-/tmp}/starrymeet-podman-service.log" 2>&1 &
  SERVICE_PID=$!
  trap '[[ -n $SERVICE_PID ]] && kill $SERVICE_PID 2>/dev/null || true' EXIT
  export DOCKER_HOST="unix://$sock"
  for _ in $(seq 1 30); do ping_engine && break; sleep 1; done
  ping_engine || skip "podman's API did not answer on $sock (see ${TMPDIR:-/tmp}/starrymeet-podman-service.log)"
fi
echo "container engine: $DOCKER_HOST"

version=$(awk '/<artifactId>starrymeet<\/artifactId>/ { getline; gsub(/.*<version>|<\/version>.*/, ""); print; exit }' pom.xml)
have() { podman image exists "$1" 2>/dev/null; }
if ! have localhost/starrymeet/postgres:17 || ! have localhost/starrymeet/redis:8; then
  [[ $(id -u) -eq 0 ]] || skip "the images localhost/starrymeet/postgres:17 and redis:8 are missing; making them needs root (deploy/images/make-infra.sh)"
  deploy/images/make-base.sh && deploy/images/make-infra.sh
fi
if ! have "localhost/starrymeet/compose-infra:$version"; then
  deploy/images/build-all.sh --only-jib
fi

export STARRYMEET_TEST_INFRASTRUCTURE=containers TESTCONTAINERS_RYUK_DISABLED=true
MODULES="${MODULES:-common-lib,user-service,celebrity-service,booking-service,payment-service,notification-service,search-service,analytics-service}"
echo "Testing $MODULES on containers: mvn -B verify -Pcontainers -pl $MODULES -am"
mvn -B verify -Pcontainers -pl "$MODULES" -am "$@"
