#!/usr/bin/env bash
# StarryMeet benchmarks (issue 3). Run through ./starrymeet bench (which picks the JDK); prints the figures.
#   1. gateway on a bare route vs vanilla Spring Cloud Gateway (bench/vanilla-gateway) on the same backend
#      (issue 13: >= 0.8), nginx proxying it as context
#   2. full chain (JWT + revocation + rate limit + circuit breaker) vs the same vanilla gateway (issue 13: >= 0.6)
#   3. login throughput with bcrypt cost 12 (logins/s), against the real user-service of the local fleet
#   4. (issue 4) through the gateway of the local fleet with the 300 demo celebrities: search and the cached
#      catalog list, req/s and p99, each next to nginx serving the same JSON bytes in the same run (issue 13:
#      search >= 0.06 x nginx with p99 <= 25 ms, cached list >= 0.10 x nginx with p99 <= 20 ms)
#   5. (issue 9) POST /v1/bookings through the gateway of the same local fleet (stripe-simulator answering Stripe):
#      bookings/s and p99, every answer a 201
# Every server listens on 127.0.0.1 only; wrk runs bounded in time. DURATION (s) and CONNECTIONS tune it;
# BENCH_PARTS (default "1 2 3 4 5") runs only some parts, e.g. BENCH_PARTS=5 for the booking benchmark alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$ROOT/bench/target"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-32}"
BENCH_PARTS="${BENCH_PARTS:-1 2 3 4 5}"
has() { [[ " $BENCH_PARTS " == *" $1 "* ]]; }
NGINX_RPS=- VANILLA_RPS=- VANILLA_P99=- BARE_P99=- JWT_P99=- BARE_RPS=- NOJWT_RPS=- JWT_RPS=- LOGIN_RPS=- SN_RPS=- SN_P99=- SG_RPS=- SG_P99=- LN_RPS=- LN_P99=- LG_RPS=- LG_P99=-
BK_RPS=- BK_P99=- BK_P50=- BK_N=-
BACKEND=18091 PROXY=18090 REDIS=18092 VANILLA=18093 STATIC=18094 GATEWAY=18080 FLEET_BASE=28080
rm -rf "$W" && mkdir -p "$W"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$W/nginx.pid" ]] && kill "$(cat "$W/nginx.pid")" 2>/dev/null || true
  [[ -f "$W/nginx-static.pid" ]] && kill "$(cat "$W/nginx-static.pid")" 2>/dev/null || true
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
need wrk wrk; need nginx nginx-light; need redis-server redis-server; need jq jq
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
p99() { # wrk output file -> p99 in ms
  awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    printf "%.1f", (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)) }' "$1"
}
p99mean() { awk -v a="$(p99 "$W/wrk-$1.txt")" -v b="$(p99 "$W/wrk-$2.txt")" 'BEGIN { printf "%.1f", (a + b) / 2 }'; }

echo "== building (mvn -q -DskipTests package)"
(cd "$ROOT" && mvn -B -q -o -DskipTests package 2>/dev/null || mvn -B -q -DskipTests package)

if has 1 || has 2; then
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

URL="/v1/categories"
gateway() { # extra args...
  local services=()
  for s in user celebrity booking payment notification search analytics; do
    services+=("--starrymeet.gateway.services.$s=http://127.0.0.1:$BACKEND")
  done
  # JFR=1: a profile of each gateway run in bench/target/gateway-<run>.jfr (jfr print --events jdk.ExecutionSample)
  local jfr=(); [[ -n "${JFR:-}" ]] && jfr=("-XX:StartFlightRecording=filename=$W/gateway-$RUN.jfr,settings=profile")
  java -Xmx512m -XX:+UseParallelGC "${jfr[@]}" -jar "$ROOT/gateway/target/gateway-0.1.0-SNAPSHOT.jar" --server.port=$GATEWAY \
    --management.server.port=$((GATEWAY + 1000)) \
    "${services[@]}" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS \
    --logging.level.com.starrymeet.gateway.access=WARN "$@" > "$W/gateway-$RUN.log" 2>&1 &
  GW_PID=$!; PIDS+=($GW_PID)
  wait_http "http://127.0.0.1:$GATEWAY/actuator/health/readiness" 90
}
stop_gateway() { kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; }

# issue 13's reference: Spring Cloud Gateway as it comes (bench/vanilla-gateway: same BOMs, one route, nothing of
# ours), the same JVM flags, the same backend
echo "== vanilla Spring Cloud Gateway on :$VANILLA"
java -Xmx512m -XX:+UseParallelGC -jar "$ROOT/bench/vanilla-gateway/target/vanilla-gateway-0.1.0-SNAPSHOT.jar" \
  --server.port=$VANILLA --bench.backend="http://127.0.0.1:$BACKEND" > "$W/vanilla.log" 2>&1 &
VANILLA_PID=$!; PIDS+=($VANILLA_PID)
wait_http "http://127.0.0.1:$VANILLA$URL" 90

if has 1; then
echo "== 1. bare route: gateway (no rate limiting) vs vanilla Spring Cloud Gateway vs nginx proxy, ${DURATION}s each, $CONNECTIONS connections"
RUN=bare gateway --starrymeet.gateway.rate-limits.enabled=false
warm "http://127.0.0.1:$PROXY$URL"; warm "http://127.0.0.1:$VANILLA$URL"; warm "http://127.0.0.1:$GATEWAY$URL"
# interleaved twice, so none profits from running later (JIT, page cache)
N1=$(rps nginx-1 "http://127.0.0.1:$PROXY$URL"); V1=$(rps vanilla-1 "http://127.0.0.1:$VANILLA$URL")
B1=$(rps gateway-bare-1 "http://127.0.0.1:$GATEWAY$URL")
N2=$(rps nginx-2 "http://127.0.0.1:$PROXY$URL"); V2=$(rps vanilla-2 "http://127.0.0.1:$VANILLA$URL")
B2=$(rps gateway-bare-2 "http://127.0.0.1:$GATEWAY$URL")
NGINX_RPS=$(mean "$N1" "$N2"); VANILLA_RPS=$(mean "$V1" "$V2"); BARE_RPS=$(mean "$B1" "$B2")
VANILLA_P99=$(p99mean vanilla-1 vanilla-2); BARE_P99=$(p99mean gateway-bare-1 gateway-bare-2)
stop_gateway
fi

if has 2; then
echo "== 2. full chain: JWT + rate limit + circuit breaker vs the same route without JWT"
# a general bucket larger than the load, so every request is checked in Redis and none is refused
RUN=chain gateway --starrymeet.gateway.rate-limits.general.replenish-rate=1000000 \
  --starrymeet.gateway.rate-limits.general.burst-capacity=2000000
warm "http://127.0.0.1:$GATEWAY$URL"; warm -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GATEWAY$URL"
A1=$(rps gateway-nojwt-1 "http://127.0.0.1:$GATEWAY$URL")
J1=$(rps gateway-jwt-1 "http://127.0.0.1:$GATEWAY$URL" -H "Authorization: Bearer $TOKEN")
V3=$(rps vanilla-3 "http://127.0.0.1:$VANILLA$URL")
J2=$(rps gateway-jwt-2 "http://127.0.0.1:$GATEWAY$URL" -H "Authorization: Bearer $TOKEN")
A2=$(rps gateway-nojwt-2 "http://127.0.0.1:$GATEWAY$URL")
NOJWT_RPS=$(mean "$A1" "$A2"); JWT_RPS=$(mean "$J1" "$J2"); JWT_P99=$(p99mean gateway-jwt-1 gateway-jwt-2)
# part 2 alone still has a vanilla figure of its own run
[[ $VANILLA_RPS == - ]] && { VANILLA_RPS=$V3; VANILLA_P99=$(p99 "$W/wrk-vanilla-3.txt"); }
stop_gateway
fi
# the fleet's parts need the cores (and the vanilla gateway's port is not reserved for it)
kill "$VANILLA_PID" 2>/dev/null || true; wait "$VANILLA_PID" 2>/dev/null || true
fi

if has 3 || has 4 || has 5; then
echo "== the local fleet (ports $FLEET_BASE+)"
# the fleet's gateway keeps rate limiting on, with a general bucket larger than the load of parts 4 and 5;
# service JVMs get full JIT and a bigger heap than the light defaults of ./starrymeet run; booking-service lets a
# fan hold any number of unpaid bookings (part 5 books thousands per fan: registering thousands of fans would be
# bcrypt-bound)
DEMO=(); has 4 && DEMO=(--demo-data=300)
STARRYMEET_GATEWAY_RATELIMITS_GENERAL_REPLENISHRATE=1000000 STARRYMEET_GATEWAY_RATELIMITS_GENERAL_BURSTCAPACITY=2000000 \
java -Xmx512m -XX:+UseSerialGC -Dstarrymeet.fleet.aot-cache=false ${STARRYMEET_JAVA_FLAGS:-} -jar "$ROOT/deploy/local/target/local-fleet.jar" \
  --home="$ROOT" --data-dir="$W/fleet" --fresh --port-base=$FLEET_BASE "${DEMO[@]}" \
  --set=booking:starrymeet.booking.max-unpaid-holds=1000000 \
  --jvm-options="-Xmx384m -XX:+UseSerialGC -Xss512k" > "$W/fleet.log" 2>&1 &
FLEET_PID=$!; PIDS+=($FLEET_PID)
USER_URL="http://127.0.0.1:$((FLEET_BASE + 1))"
FLEET_GW="http://127.0.0.1:$FLEET_BASE"
wait_http "$USER_URL/actuator/health/readiness" 240
for _ in $(seq 1 300); do grep -q '^All [0-9]* services healthy' "$W/fleet.log" && break; sleep 1; done
grep '^All [0-9]* services healthy' "$W/fleet.log" || { echo "the fleet did not become healthy, see $W/fleet.log" >&2; exit 1; }
if has 4; then
# the launcher loads the demo catalog once the fleet is up (part 4 needs it); measure on a quiet fleet
for _ in $(seq 1 400); do grep -Eq '^Demo data(: | not loaded)' "$W/fleet.log" && break; sleep 1; done
grep '^Demo data: ' "$W/fleet.log" || { echo "demo data did not load, see $W/fleet.log" >&2; exit 1; }
# the demo load leaves thousands of events behind it: measure once celebrity-service and search-service have
# consumed them all (Kafka consumer lag 0, from their Prometheus metrics, for 5 s in a row)
QUIET_FROM=$SECONDS
lag() { curl -fsS "http://127.0.0.1:$1/actuator/prometheus" | awk '/^kafka_consumer_fetch_manager_records_lag\{/ { s += $2 } END { print s + 0 }'; }
quiet=0
for _ in $(seq 1 600); do
  if [[ "$(lag $((FLEET_BASE + 2)))" == 0 && "$(lag $((FLEET_BASE + 6)))" == 0 ]]; then quiet=$((quiet + 1)); else quiet=0; fi
  [[ $quiet -ge 5 ]] && break; sleep 1
done
# ... and worked through what they fetched: the machine is idle (>= 85 % CPU idle over 2 s, 3 times in a row)
idle() {
  local a b c d e f g h t1 i1
  read -r _ a b c d e f g h _ < /proc/stat; t1=$((a + b + c + d + e + f + g + h)); i1=$((d + e))
  sleep 2
  read -r _ a b c d e f g h _ < /proc/stat
  echo $(( 100 * (d + e - i1) / (a + b + c + d + e + f + g + h - t1) ))
}
quiet=0
for _ in $(seq 1 300); do
  if [[ $(idle) -ge 85 ]]; then quiet=$((quiet + 1)); else quiet=0; fi
  [[ $quiet -ge 3 ]] && break
done
echo "fleet quiet $((SECONDS - QUIET_FROM)) s after the demo load ($(grep '^Demo data: ' "$W/fleet.log"))"
fi
if has 3; then
echo "== 3. login throughput (bcrypt 12) on the local fleet's user-service"
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
fi

if has 4; then
echo "== 4. search and cached catalog list through the fleet's gateway vs nginx serving the same JSON"
SEARCH_PATH="/v1/search/celebrities?q=${SEARCH_Q:-kalini%20rezwa}&limit=20"
LIST_PATH="/v1/celebrities?category=musicians&sort=rating&limit=20"
total=$(curl -fsS "$FLEET_GW/v1/search/celebrities?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
[[ "${total:-0}" -ge 300 ]] || { echo "search sees ${total:-0} celebrities, not 300" >&2; exit 1; }
curl -fsS -o "$W/search.json" "$FLEET_GW$SEARCH_PATH"; curl -fsS -o "$W/list.json" "$FLEET_GW$LIST_PATH"
echo "search: $(wc -c < "$W/search.json") bytes, list: $(wc -c < "$W/list.json") bytes"
cat > "$W/nginx-static.conf" <<NGINX
worker_processes auto;
pid $W/nginx-static.pid;
error_log $W/nginx-static-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$STATIC;
    location = /v1/search/celebrities { default_type application/json; alias $W/search.json; }
    location = /v1/celebrities { default_type application/json; alias $W/list.json; }
  }
}
NGINX
"$NGINX" -c "$W/nginx-static.conf" -p "$W"
C4="${C4:-16}"
# eight JVMs share two cores: their JIT needs longer than a single gateway to settle (10 s left the figures
# 3x lower and very uneven), so each path is warmed for 40 s
for _ in 1 2 3 4; do CONNECTIONS=$C4 warm "$FLEET_GW$SEARCH_PATH"; CONNECTIONS=$C4 warm "$FLEET_GW$LIST_PATH"; done
SN_RPS=$(CONNECTIONS=$C4 rps static-search "http://127.0.0.1:$STATIC$SEARCH_PATH"); SN_P99=$(p99 "$W/wrk-static-search.txt")
SG_RPS=$(CONNECTIONS=$C4 rps fleet-search "$FLEET_GW$SEARCH_PATH"); SG_P99=$(p99 "$W/wrk-fleet-search.txt")
LN_RPS=$(CONNECTIONS=$C4 rps static-list "http://127.0.0.1:$STATIC$LIST_PATH"); LN_P99=$(p99 "$W/wrk-static-list.txt")
LG_RPS=$(CONNECTIONS=$C4 rps fleet-list "$FLEET_GW$LIST_PATH"); LG_P99=$(p99 "$W/wrk-fleet-list.txt")
kill "$(cat "$W/nginx-static.pid")" 2>/dev/null || true
fi
if has 5; then
  source "$ROOT/bench/bookings.sh"
fi
kill -TERM "$FLEET_PID"; wait "$FLEET_PID" 2>/dev/null || true
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "StarryMeet benchmark, $(nproc) cores, $(date -u +%FT%TZ), parts $BENCH_PARTS"
if has 1 || has 2 || has 3; then
cat <<REPORT
wrk ${DURATION}s x $CONNECTIONS connections
| measurement                                   | req/s      |
|-----------------------------------------------|------------|
| nginx reverse proxy -> backend                | ${NGINX_RPS:-} |
| vanilla Spring Cloud Gateway -> backend       | ${VANILLA_RPS:-} | p99 ${VANILLA_P99} ms
| gateway bare route -> backend                 | ${BARE_RPS:-} | p99 ${BARE_P99} ms
| gateway route, rate limit + CB, no JWT        | ${NOJWT_RPS:-} |
| gateway route, JWT + revocation + rate limit + CB | ${JWT_RPS:-} | p99 ${JWT_P99} ms
| login (bcrypt 12), user-service direct        | ${LOGIN_RPS:-} |
(each figure is the mean of two interleaved runs; wrk itself shares the 2 cores)
REPORT
has 1 && echo "gateway bare / vanilla          = $(ratio "$BARE_RPS" "$VANILLA_RPS")  (target >= 0.8)"
has 2 && echo "full chain / vanilla            = $(ratio "$JWT_RPS" "$VANILLA_RPS")  (target >= 0.6)"
has 1 && echo "vanilla / nginx                 = $(ratio "$VANILLA_RPS" "$NGINX_RPS")  (context)"
has 2 && echo "full chain / same route no JWT  = $(ratio "$JWT_RPS" "$NOJWT_RPS")"
fi
if has 4; then
cat <<REPORT

Local fleet, 300 demo celebrities, wrk ${DURATION}s x ${C4:-16} connections, zero non-2xx answers:
| measurement                                   | req/s      | p99 ms |
|-----------------------------------------------|------------|--------|
| GET $SEARCH_PATH |
|   nginx, same JSON                            | $SN_RPS | $SN_P99 |
|   gateway -> search-service                   | $SG_RPS | $SG_P99 |
| GET $LIST_PATH |
|   nginx, same JSON                            | $LN_RPS | $LN_P99 |
|   gateway -> celebrity-service (cached)       | $LG_RPS | $LG_P99 |
REPORT
echo "search / nginx (same bytes)     = $(ratio "$SG_RPS" "$SN_RPS")  (target >= 0.06, p99 $SG_P99 ms: target <= 25)"
echo "cached list / nginx (same bytes) = $(ratio "$LG_RPS" "$LN_RPS")  (target >= 0.10, p99 $LG_P99 ms: target <= 20)"
fi
if has 5; then
cat <<REPORT

Local fleet, POST /v1/bookings through the gateway (stripe-simulator answering Stripe), wrk ${B_DURATION:-$DURATION}s x ${C5:-8} connections, every answer 201:
| measurement                                   | bookings/s | p50 ms | p99 ms |
|-----------------------------------------------|------------|--------|--------|
| POST /v1/bookings -> booking-service          | $BK_RPS | $BK_P50 | $BK_P99 |  (aim >= 300/s, p99 <= 150 ms; $BK_N bookings)
REPORT
fi
