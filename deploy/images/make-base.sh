#!/usr/bin/env bash
# Makes the base image every application image is built on, here, without a registry (issue 12):
#   Debian minbase (debootstrap from the Debian mirror) + a Java 25 runtime (jlink'ed from the Temurin 25 JDK, or the
#   JDK copied when jlink cannot) at /opt/java/openjdk (the eclipse-temurin layout: JAVA_HOME, java on the PATH)
#   + the non-root user 65532 + /opt/starrymeet/bin/healthcheck,
# imported with podman as localhost/starrymeet/base:25-<release> and saved as a docker-archive tar,
# deploy/images/target/starrymeet-base.tar, which is the root pom's jib.from.image (tar://).
# Production builds use a registry base instead: mvn ... -Djib.from.image=eclipse-temurin:25-jre
#   sudo deploy/images/make-base.sh            (idempotent: does nothing when the tar exists; --force remakes it)
# Environment: DEBIAN_RELEASE (trixie), DEBIAN_MIRROR, JDK_HOME (/usr/lib/jvm/temurin-25-jdk-amd64).
source "$(dirname "$0")/lib.sh"
need podman
if [[ ${1:-} != --force && -s $BASE_TAR ]] && podman image exists "$BASE_IMAGE"; then
  log "$BASE_IMAGE and $BASE_TAR exist (--force remakes them)"; exit 0
fi
[[ -x $JDK_HOME/bin/java ]] || { echo "no JDK at $JDK_HOME (set JDK_HOME)" >&2; exit 1; }
mkdir -p "$OUT"
dir=$(rootfs_copy base)
add_user_and_healthcheck "$dir"
# where the compose fleet's volumes mount (Kafka's log, the simulator's state, the search index): a new named volume
# takes the owner of its mount point, so the non-root user can write it
install -d -o $NONROOT_UID -g $NONROOT_UID -m 750 "$dir/var/lib/starrymeet"

log "Java runtime from $JDK_HOME"
java_dir=$dir/opt/java/openjdk
mkdir -p "$(dirname "$java_dir")"
# every module of the JDK (Spring needs java.desktop's java.beans, the simulator jdk.httpserver, ops jcmd), without
# debug symbols, headers and man pages; JDK 25 links from its own runtime when it ships no jmods (JEP 493)
modules=$("$JDK_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -v -e '^jdk\.jpackage$' -e '^jdk\.jlink$' | paste -sd,)
if "$JDK_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$java_dir" >"$OUT/jlink.log" 2>&1; then
  log "jlink'ed runtime: $(du -sh "$java_dir" | cut -f1)"
else
  log "jlink failed ($(tail -1 "$OUT/jlink.log")): copying the JDK instead"
  rm -rf "$java_dir"; cp -a "$JDK_HOME" "$java_dir"
  rm -rf "$java_dir"/{man,include,jmods,lib/src.zip,demo,sample}
fi
"$java_dir/bin/java" -version 2>&1 | head -1 >&2
slim "$dir"

import_rootfs "$dir" "$BASE_IMAGE" \
  "ENV JAVA_HOME=/opt/java/openjdk" \
  "ENV PATH=/opt/java/openjdk/bin:/opt/starrymeet/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  "ENV LANG=C.UTF-8" \
  "USER $NONROOT_UID:$NONROOT_UID" \
  "WORKDIR /home/nonroot" \
  "LABEL org.opencontainers.image.title=starrymeet-base" \
  "LABEL org.opencontainers.image.version=java-$("$java_dir/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)"
log "podman save $BASE_IMAGE -> $BASE_TAR"
rm -f "$BASE_TAR"
podman save --quiet --format docker-archive -o "$BASE_TAR" "$BASE_IMAGE"
rm -rf "$dir"
log "done: $BASE_IMAGE ($(podman image inspect --format '{{.Size}}' "$BASE_IMAGE" | numfmt --to=iec) ), $BASE_TAR"
