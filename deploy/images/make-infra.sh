#!/usr/bin/env bash
# Makes the infrastructure images docker-compose.yml runs that are not Java (Kafka, the Stripe simulator and the SMTP
# catcher are: starrymeet/compose-infra, Jib, deploy/compose), from Debian's packages on the same minbase as
# make-base.sh, here, without a registry:
#   localhost/starrymeet/postgres:17   postgresql-17, the official image's contract (POSTGRES_PASSWORD, PGDATA,
#                                      /docker-entrypoint-initdb.d), user postgres
#   localhost/starrymeet/redis:<major> redis-server (REDIS_PASSWORD), user redis, nothing persisted
#   sudo deploy/images/make-infra.sh [--force]
source "$(dirname "$0")/lib.sh"
need podman
force=false; [[ ${1:-} == --force ]] && force=true
mkdir -p "$OUT"

postgres_image=localhost/starrymeet/postgres:17
if $force || ! podman image exists "$postgres_image"; then
  dir=$(rootfs_copy postgres)
  add_user_and_healthcheck "$dir"
  # no cluster from the package: the entry point makes one in the volume on first start
  mkdir -p "$dir/etc/postgresql-common"
  echo "create_main_cluster = false" >"$dir/etc/postgresql-common/createcluster.conf"
  log "postgresql-17 into $dir"
  chroot_install "$dir" postgresql-17
  install -m 755 "$IMAGES_DIR/postgres/entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  mkdir -p "$dir/var/lib/postgresql/data" "$dir/docker-entrypoint-initdb.d" "$dir/var/run/postgresql"
  chroot "$dir" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
  chmod 700 "$dir/var/lib/postgresql/data"
  version=$(chroot "$dir" /usr/lib/postgresql/17/bin/postgres --version | awk '{print $3}')
  slim "$dir"
  import_rootfs "$dir" "$postgres_image" \
    "ENV PATH=/usr/lib/postgresql/17/bin:/opt/starrymeet/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    "ENV PGDATA=/var/lib/postgresql/data" "ENV LANG=C.UTF-8" \
    "USER postgres" "WORKDIR /var/lib/postgresql" "EXPOSE 5432" "STOPSIGNAL SIGINT" \
    "VOLUME /var/lib/postgresql/data" \
    "ENTRYPOINT [\"/usr/local/bin/docker-entrypoint.sh\"]" \
    "LABEL org.opencontainers.image.title=starrymeet-postgres" \
    "LABEL org.opencontainers.image.version=$version"
  rm -rf "$dir"
else
  log "$postgres_image exists (--force remakes it)"
fi

if $force || ! podman image ls --format '{{.Repository}}' | grep -qx localhost/starrymeet/redis; then
  dir=$(rootfs_copy redis)
  add_user_and_healthcheck "$dir"
  log "redis-server into $dir"
  chroot_install "$dir" redis-server
  install -m 755 "$IMAGES_DIR/redis/entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  version=$(chroot "$dir" redis-server --version | sed -E 's/.* v=([0-9.]+).*/\1/')
  slim "$dir"
  import_rootfs "$dir" "localhost/starrymeet/redis:${version%%.*}" \
    "ENV PATH=/opt/starrymeet/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "ENV LANG=C.UTF-8" \
    "USER redis" "WORKDIR /tmp" "EXPOSE 6379" \
    "ENTRYPOINT [\"/usr/local/bin/docker-entrypoint.sh\"]" \
    "LABEL org.opencontainers.image.title=starrymeet-redis" \
    "LABEL org.opencontainers.image.version=$version"
  rm -rf "$dir"
  log "redis image: localhost/starrymeet/redis:${version%%.*} (Redis $version)"
else
  log "a localhost/starrymeet/redis image exists (--force remakes it)"
fi
