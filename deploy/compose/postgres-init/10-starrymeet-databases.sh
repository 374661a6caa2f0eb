#!/bin/bash
# Runs once, when the postgres container initialises an empty data volume (the official image's
# /docker-entrypoint-initdb.d contract; deploy/images/postgres/entrypoint.sh keeps it): one database per service,
# starrymeet_<service>, owned by its own user <service>_service whose password is <SERVICE>_DB_PASSWORD. A service
# reaches its own database only (CONNECT revoked from PUBLIC). Changing a password later: ALTER ROLE ... PASSWORD.
set -euo pipefail
for service in user celebrity booking payment notification search analytics; do
  variable="${service^^}_DB_PASSWORD"
  password=${!variable:?$variable is required}
  echo "database starrymeet_$service, user ${service}_service"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v role="${service}_service" -v db="starrymeet_$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
