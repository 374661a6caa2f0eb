#!/usr/bin/env bash
# StarryMeet benchmarks (issue 3). Run through ./starrymeet bench (which picks the JDK); prints the figures.
#   1. gateway on a bare route vs nginx proxying the same backend (throughput ratio, target >= 0.5)
#   2. full chain (JWT + rate limit + circuit breaker) vs the same route without JWT (target >= 0.8)
#   3. login throughput with bcrypt cost 12 (logins/s), against the real user-service of the local fleet
# Every server listens on 127.0.0.1 only; wrk runs bounded in time. DURATION (s) and CONNECTIONS tune it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$ROOT/bench/target"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-32}"
BACKEND=18091 PROXY=18090 REDIS=18092 GATEWAY=18080 FLEET_BASE=28080
rm -rf "$W" && mkdir -p "$W"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$W/nginx.pid" ]] && kill "$(cat "$W/nginx.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing $2 ..."; apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
  else
    echo "bench needs $1 (apt-get install $2)" >&2; exit 1
  fi
}
need wrk wrk; need nginx nginx-light; need redis-server redis-server
[[ -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx || NGINX="$(command -v nginx)"

wait_http() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 1; done
  echo "not ready: $1" >&2; exit 1
}
rps() { # label url [wrk args...] -> prints requests/s, fails on non-2xx answers
  local label=$1 url=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s --latency "$@" "$url" > "$W/wrk-$label.txt"
  if grep -q 'Non-2xx' "$W/wrk-$label.txt"; then
    echo "$label: non-2xx answers, the figure is not valid:" >&2; grep 'Non-2xx' "$W/wrk-$label.txt" >&2; exit 1
  fi
  awk '/Requests\/sec/ {print $2}' "$W/wrk-$label.txt"
}
warm() { wrk -t2 -c"$CONNECTIONS" -d10s "$@" >/dev/null; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }

echo "== building (mvn -q -DskipTests package)"
(cd "$ROOT" && mvn -B -q -o -DskipTests package 2>/dev/null || mvn -B -q -DskipTests package)

echo "== test key, JWKS and an access token shaped like user-service's"
java "$ROOT/bench/MintToken.java" "$W" "https://auth.starrymeet.local" "starrymeet-api"
TOKEN="$(cat "$W/token.txt")"

echo "== nginx: a static backend on :$BACKEND and a reverse proxy to it on :$PROXY"
cat > "$W/nginx.conf" <<NGINX
worker_processes auto;
pid $W/nginx.pid;
error_log $W/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
  server {
    listen 127.0.0.1:$BACKEND;
    location = /.well-known/jwks.json { default_type application/json; alias $W/jwks.json; }
    location / { default_type application/json; return 200 '{"success":true,"data":[{"name":"Actors & Actresses"}]}'; }
  }
  server {
    listen 127.0.0.1:$PROXY;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
"$NGINX" -c "$W/nginx.conf" -p "$W"
wait_http "http://127.0.0.1:$PROXY/v1/categories" 10

echo "== redis-server on :$REDIS"
redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly no > "$W/redis.log" 2>&1 &
PIDS+=($!)

gateway() { # extra args...
  local services=()
  for s in user celebrity booking payment notification search analytics; do
    services+=("--starrymeet.gateway.services.$s=http://127.0.0.1:$BACKEND")
  done
  java -Xmx512m -XX:+UseParallelGC -jar "$ROOT/gateway/target/gateway-0.1.0-SNAPSHOT.jar" --server.port=$GATEWAY \
    "${services[@]}" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS \
    --logging.level.com.starrymeet.gateway.access=WARN "$@" > "$W/gateway-$RUN.log" 2>&1 &
  GW_PID=$!; PIDS+=($GW_PID)
  wait_http "http://127.0.0.1:$GATEWAY/actuator/health/readiness" 90
}
stop_gateway() { kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; }

URL="/v1/categories"
echo "== 1. bare route: gateway (no rate limiting) vs nginx proxy, ${DURATION}s each, $CONNECTIONS connections"
RUN=bare gateway --starrymeet.gateway.rate-limits.enabled=false
warm "http://127.0.0.1:$PROXY$URL"; warm "http://127.0.0.1:$GATEWAY$URL"
# interleaved twice, so neither side profits from running later (JIT, page cache)
N1=$(rps nginx-1 "http://127.0.0.1:$PROXY$URL"); B1=$(rps gateway-bare-1 "http://127.0.0.1:$GATEWAY$URL")
N2=$(rps nginx-2 "http://127.0.0.1:$PROXY$URL"); B2=$(rps gateway-bare-2 "http://127.0.0.1:$GATEWAY$URL")
NGINX_RPS=$(mean "$N1" "$N2"); BARE_RPS=$(mean "$B1" "$B2")
stop_gateway

echo "== 2. full chain: JWT + rate limit + circuit breaker vs the same route without JWT"
# a general bucket larger than the load, so every request is checked in Redis and none is refused
RUN=chain gateway --starrymeet.gateway.rate-limits.general.replenish-rate=1000000 \
  --starrymeet.gateway.rate-limits.general.burst-capacity=2000000
warm "http://127.0.0.1:$GATEWAY$URL"; warm -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GATEWAY$URL"
A1=$(rps gateway-nojwt-1 "http://127.0.0.1:$GATEWAY$URL")
J1=$(rps gateway-jwt-1 "http://127.0.0.1:$GATEWAY$URL" -H "Authorization: Bearer $TOKEN")
J2=$(rps gateway-jwt-2 "http://127.0.0.1:$GATEWAY$URL" -H "Authorization: Bearer $TOKEN")
A2=$(rps gateway-nojwt-2 "http://127.0.0.1:$GATEWAY$URL")
NOJWT_RPS=$(mean "$A1" "$A2"); JWT_RPS=$(mean "$J1" "$J2")
stop_gateway

echo "== 3. login throughput (bcrypt 12) on the local fleet's user-service"
java -Xmx512m -XX:+UseSerialGC ${STARRYMEET_JAVA_FLAGS:-} -jar "$ROOT/deploy/local/target/local-fleet.jar" \
  --home="$ROOT" --data-dir="$W/fleet" --fresh --port-base=$FLEET_BASE > "$W/fleet.log" 2>&1 &
FLEET_PID=$!; PIDS+=($FLEET_PID)
USER_URL="http://127.0.0.1:$((FLEET_BASE + 1))"
wait_http "$USER_URL/actuator/health/readiness" 240
EMAIL="bench-$RANDOM@starrymeet.local"; PASSWORD='Bench-Pass-2026!'
curl -fsS -o /dev/null -H 'Content-Type: application/json' "$USER_URL/v1/auth/register" \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"firstName\":\"Bench\",\"lastName\":\"Mark\"}"
cat > "$W/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"$EMAIL","password":"$PASSWORD"}'
LUA
CONNECTIONS=4 rps login-warm "$USER_URL/v1/auth/login" -s "$W/login.lua" >/dev/null
LOGIN_RPS=$(CONNECTIONS=4 rps login "$USER_URL/v1/auth/login" -s "$W/login.lua")
kill -TERM "$FLEET_PID"; wait "$FLEET_PID" 2>/dev/null || true

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cat <<REPORT

StarryMeet benchmark, $(nproc) cores, $(date -u +%FT%TZ), wrk ${DURATION}s x $CONNECTIONS connections
| measurement                                   | req/s      |
|-----------------------------------------------|------------|
| nginx reverse proxy -> backend                | $NGINX_RPS |
| gateway bare route -> backend                 | $BARE_RPS |
| gateway route, rate limit + CB, no JWT        | $NOJWT_RPS |
| gateway route, JWT + rate limit + CB          | $JWT_RPS |
| login (bcrypt 12), user-service direct        | $LOGIN_RPS |
(each gateway/nginx figure is the mean of two interleaved runs; wrk itself shares the 2 cores)
gateway bare / nginx            = $(ratio "$BARE_RPS" "$NGINX_RPS")  (target >= 0.5)
full chain / same route no JWT  = $(ratio "$JWT_RPS" "$NOJWT_RPS")  (target >= 0.8)
REPORT
