# Shared by make-base.sh and make-infra.sh (sourced, not run). Root only: debootstrap, chroot and podman import.
set -euo pipefail
IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${STARRYMEET_IMAGES_OUT:-$IMAGES_DIR/target}
DEBIAN_RELEASE=${DEBIAN_RELEASE:-trixie}            # Debian 13: PostgreSQL 17 (as deploy/local's), glibc for the JDK
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
JDK_HOME=${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BASE_IMAGE=${BASE_IMAGE:-localhost/starrymeet/base:25-$DEBIAN_RELEASE}
BASE_TAR=$OUT/starrymeet-base.tar                   # the root pom's jib.from.image (tar://)
NONROOT_UID=65532                                   # deploy/k8s runs every application as this uid

log() { printf '[images %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
need() { command -v "$1" >/dev/null || { echo "needs $1 (apt-get install -y ${2:-$1})" >&2; exit 1; }; }
[[ $(id -u) == 0 ]] || { echo "run as root: debootstrap, chroot and podman import need it" >&2; exit 1; }

# A minimal Debian (debootstrap --variant=minbase), made once and kept in $OUT/rootfs/minbase.
minbase() {
  local dir=$OUT/rootfs/minbase
  if [[ ! -f $dir/.complete ]]; then
    need debootstrap
    rm -rf "$dir"; mkdir -p "$dir"
    log "debootstrap --variant=minbase $DEBIAN_RELEASE from $DEBIAN_MIRROR (a few minutes, once)"
    debootstrap --variant=minbase "$DEBIAN_RELEASE" "$dir" "$DEBIAN_MIRROR" >"$OUT/debootstrap.log" 2>&1 \
      || { tail -20 "$OUT/debootstrap.log" >&2; exit 1; }
    printf 'deb %s %s main\n' "$DEBIAN_MIRROR" "$DEBIAN_RELEASE" >"$dir/etc/apt/sources.list"
    slim "$dir"
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}

# A fresh copy of minbase to turn into one image's root.
rootfs_copy() { # name
  local dir=$OUT/rootfs/$1 src
  src=$(minbase)
  rm -rf "$dir"; cp -a "$src" "$dir"; rm -f "$dir/.complete"
  printf '%s' "$dir"
}

# Installs Debian packages into a root (chroot apt-get; no service is started inside).
chroot_install() { # dir packages...
  local dir=$1; shift
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod 755 "$dir/usr/sbin/policy-rc.d"
  mount --bind /proc "$dir/proc" 2>/dev/null || true
  local rc=0
  DEBIAN_FRONTEND=noninteractive chroot "$dir" sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $*" \
    >"$OUT/apt-$(basename "$dir").log" 2>&1 || rc=$?
  umount "$dir/proc" 2>/dev/null || true
  rm -f "$dir/usr/sbin/policy-rc.d"
  ((rc == 0)) || { tail -20 "$OUT/apt-$(basename "$dir").log" >&2; exit $rc; }
}

# The non-root user every image runs as, and the health check script.
add_user_and_healthcheck() { # dir
  local dir=$1
  chroot "$dir" groupadd --gid $NONROOT_UID nonroot 2>/dev/null || true
  chroot "$dir" useradd --uid $NONROOT_UID --gid $NONROOT_UID --home-dir /home/nonroot --create-home \
    --shell /usr/sbin/nologin nonroot 2>/dev/null || true
  install -D -m 755 "$IMAGES_DIR/jib/opt/starrymeet/bin/healthcheck" "$dir/opt/starrymeet/bin/healthcheck"
}

# Leaves out what a container never reads: package caches and lists, documentation, man pages, locales.
slim() { # dir
  local dir=$1
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin "$dir"/var/lib/apt/lists/* \
    "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/var/log/*.log \
    "$dir"/var/cache/debconf/*-old "$dir"/var/lib/dpkg/*-old
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
  : >"$dir/etc/resolv.conf" 2>/dev/null || true
}

# podman import of a root directory; the remaining arguments are --change instructions ("ENV NAME=value", ...;
# no spaces in values: podman splits the instruction at the first one).
import_rootfs() { # dir image changes...
  local dir=$1 image=$2; shift 2
  local changes=()
  for change in "$@"; do changes+=(--change "$change"); done
  changes+=(--change "LABEL org.opencontainers.image.vendor=StarryMeet")
  changes+=(--change "LABEL org.opencontainers.image.base.name=debian:$DEBIAN_RELEASE-minbase")
  log "podman import $image"
  tar --numeric-owner --exclude=./.complete -C "$dir" -c . | podman import --quiet "${changes[@]}" - "$image" >/dev/null
}
