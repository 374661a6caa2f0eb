#!/usr/bin/env bash
# Builds every image of the fleet on this machine and loads it into the container engine (podman; docker works too):
#   1. starrymeet/base:25-<release>  Debian minbase + Java 25 + user 65532   (make-base.sh, once)
#   2. starrymeet/postgres:17, starrymeet/redis:<major>                      (make-infra.sh, once)
#   3. with Jib (no Dockerfile, no daemon) onto the base tar: starrymeet/<module>:<version> for the gateway and the
#      seven services, and starrymeet/compose-infra:<version> (Kafka, the Stripe simulator, the SMTP catcher),
#      labelled with the version and the git commit; then <engine> load of each target/jib-image.tar.
#   deploy/images/build-all.sh [--only-jib]          (root: debootstrap/chroot/podman import in steps 1-2)
# Production: build and push onto a registry base instead, e.g.
#   mvn -B -DskipTests package jib:build -Djib.from.image=eclipse-temurin:25-jre \
#     -Djib.to.image=REGISTRY/starrymeet/<module>:<version>   (per module, -pl <module>)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
engine=${CONTAINER_ENGINE:-podman}
modules=(gateway user-service celebrity-service booking-service payment-service notification-service search-service
  analytics-service deploy/compose)
log() { printf '[images %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
began=$SECONDS

if [[ ${1:-} != --only-jib ]]; then
  "$root/deploy/images/make-base.sh"
  "$root/deploy/images/make-infra.sh"
fi
[[ -s $root/deploy/images/target/starrymeet-base.tar ]] || { echo "no base tar: run deploy/images/make-base.sh" >&2; exit 1; }

# Maven on Java 25 (the default java may be older), as ./starrymeet does
if [[ -z ${JAVA_HOME:-} ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"2[5-9]'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [[ -x $candidate/bin/java ]] && { export JAVA_HOME=$candidate; break; }
  done
fi
export PATH=$JAVA_HOME/bin:$PATH MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]] && commit+="-dirty"
list=$(IFS=,; echo "${modules[*]}")
log "Jib: ${modules[*]} (commit $commit)"
mvn_args=(-B -q -DskipTests -Dstarrymeet.git.commit="$commit" -pl "$list" -am package jib:buildTar)
(cd "$root" && mvn -o "${mvn_args[@]}") || { log "offline build failed; once more with the network (new plugins)";
  (cd "$root" && mvn "${mvn_args[@]}"); }

for module in "${modules[@]}"; do
  tar=$root/$module/target/jib-image.tar
  [[ -s $tar ]] || { echo "$tar missing" >&2; exit 1; }
  log "$engine load $module"
  "$engine" load -q -i "$tar" >/dev/null
done
"$engine" images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep starrymeet/ | sort
log "all images built in $((SECONDS - began)) s"
