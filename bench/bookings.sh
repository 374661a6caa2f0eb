# Part 5 of bench/run.sh (issue 9), sourced by it with the local fleet running (FLEET_GW, USER_URL, W, rps, p99,
# warm): POST /v1/bookings through the gateway. booking-service runs with max-unpaid-holds raised (--set), so a
# few fans registered through the API can book thousands of times; celebrities, meeting types, locations and
# windows are made through the APIs as a celebrity would (FleetIT's way). Each request has its own
# Idempotency-Key and rotates fans and windows; every answer must be 201.
echo "== 5. POST /v1/bookings through the fleet's gateway (stripe-simulator answering Stripe)"
B_CELEBRITIES="${B_CELEBRITIES:-3}" B_FANS="${B_FANS:-20}" B_WINDOWS="${B_WINDOWS:-12}" C5="${C5:-8}"
B_DURATION="${B_DURATION:-$DURATION}"
api() { # method url token [json] -> body; fails on a non-2xx answer
  # A fleet that has just come up can still answer 502/503/504 for a few seconds (circuits closing, the gateway's
  # first deny-list reads): those, and a refused connection, are retried for up to 60 s; anything else fails.
  local out status attempt
  for attempt in $(seq 1 60); do
    out=$(curl -sS -w '\n%{http_code}' -X "$1" "$2" -H 'Content-Type: application/json' \
      ${3:+-H "Authorization: Bearer $3"} ${IDEMPOTENCY_KEY:+-H "Idempotency-Key: $IDEMPOTENCY_KEY"} ${4:+-d "$4"} \
      2>/dev/null || printf '\n000')
    status=${out##*$'\n'}; out=${out%$'\n'*}
    [[ $status == 502 || $status == 503 || $status == 504 || $status == 000 ]] || break
    sleep 1
  done
  [[ $status == 2* ]] || { echo "$1 $2 -> $status $out" >&2; return 1; }
  printf '%s' "$out"
}
register() { # email -> "access refresh" (straight to user-service: the gateway's register bucket is 5/min)
  api POST "$USER_URL/v1/auth/register" "" \
    "{\"email\":\"$1\",\"password\":\"Bench-Pass-2026!\",\"firstName\":\"Bench\",\"lastName\":\"Fan\"}" |
    jq -r '.data.accessToken + " " + .data.refreshToken'
}
RUN_ID="$RANDOM$RANDOM"
ADMIN=$(api POST "$USER_URL/v1/auth/login" "" \
  '{"email":"admin@starrymeet.local","password":"Local-Admin-2026!"}' | jq -r .data.accessToken)
: > "$W/booking-targets.txt"
for k in $(seq 1 "$B_CELEBRITIES"); do
  read -r ACCESS REFRESH <<< "$(register "bench-star-$k-$RUN_ID@example.test")"
  APP=$(api POST "$FLEET_GW/v1/celebrities/applications" "$ACCESS" \
    "{\"displayName\":\"Bench Star $k\",\"username\":\"bench.star$k.$RUN_ID\",\"profession\":\"Singer\",\"category\":\"musicians\",\"bio\":\"Benchmarks.\",\"message\":\"Bench.\"}" | jq -r .data.id)
  CELEB=$(api POST "$FLEET_GW/v1/admin/celebrity-applications/$APP/approve" "$ADMIN" | jq -r .data.celebrityId)
  # the CELEBRITY role arrives with CelebrityApplicationApproved; a refreshed token carries it
  ROLE=""
  for _ in $(seq 1 240); do
    read -r ACCESS REFRESH <<< "$(api POST "$FLEET_GW/v1/auth/refresh" "" "{\"refreshToken\":\"$REFRESH\"}" |
      jq -r '.data.accessToken + " " + .data.refreshToken')"
    # the token itself must carry the role (the account's role can change between the refresh and a read of /me)
    CLAIMS=$(cut -d. -f2 <<< "$ACCESS" | tr '_-' '/+')
    while (( ${#CLAIMS} % 4 )); do CLAIMS="$CLAIMS="; done
    ROLE=$(base64 -d <<< "$CLAIMS" 2>/dev/null | jq -r .role 2>/dev/null)
    [[ $ROLE == CELEBRITY ]] && break; sleep 0.5
  done
  [[ $ROLE == CELEBRITY ]] || { echo "the CELEBRITY role never reached account $k" >&2; exit 1; }
  TYPE=$(api POST "$FLEET_GW/v1/celebrities/me/meeting-types" "$ACCESS" \
    '{"name":"Bench Meet","durationMinutes":15,"priceCents":15000}' | jq -r .data.id)
  LOC=""
  for _ in $(seq 1 120); do # booking-service knows the celebrity once its CelebrityUpserted has arrived
    LOC=$(api POST "$FLEET_GW/v1/celebrities/$CELEB/availability/locations" "$ACCESS" \
      '{"city":"Lisbon","country":"Portugal","timeZone":"Europe/Lisbon"}' 2>/dev/null | jq -r .data.id) && break
    sleep 0.5
  done
  [[ -n $LOC ]] || { echo "booking-service never learnt of celebrity $CELEB" >&2; exit 1; }
  for d in $(seq 3 $((B_WINDOWS + 2))); do
    DATE=$(TZ=Europe/Lisbon date -d "+$d days" +%F)
    WIN=$(api POST "$FLEET_GW/v1/celebrities/$CELEB/availability/windows" "$ACCESS" \
      "{\"locationId\":\"$LOC\",\"date\":\"$DATE\",\"startTime\":\"09:00\",\"endTime\":\"21:00\",\"capacity\":1000}" | jq -r .data.id)
    echo "$CELEB $TYPE $WIN $DATE" >> "$W/booking-targets.txt"
  done
done
: > "$W/booking-fans.txt"
for f in $(seq 1 "$B_FANS"); do register "bench-fan-$f-$RUN_ID@example.test" | cut -d' ' -f1 >> "$W/booking-fans.txt"; done
echo "$B_CELEBRITIES celebrities x $B_WINDOWS windows of capacity 1000, $B_FANS fans"
{
  echo 'local fans = {'; sed 's/.*/  "&",/' "$W/booking-fans.txt"; echo '}'
  echo 'local targets = {'
  while read -r c t w d; do
    echo "  '{\"celebrityId\":\"$c\",\"meetingTypeId\":\"$t\",\"availableDateId\":\"$w\",\"date\":\"$d\",\"time\":\"10:00\",\"location\":{\"city\":\"Lisbon\",\"country\":\"Portugal\"}}',"
  done < "$W/booking-targets.txt"
  echo '}'
  cat <<'LUA'
-- each wrk thread gets its own number, so Idempotency-Keys never repeat across threads or runs
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
local n = 0
function init(args) prefix = "bench-" .. id .. "-" .. os.time() .. "-" .. math.random(1000000) .. "-" end
function request()
  n = n + 1
  return wrk.format("POST", "/v1/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. fans[n % #fans + 1],
    ["Idempotency-Key"] = prefix .. n
  }, targets[(n * 7 + id) % #targets + 1])
end
-- the first answers that are not 201, on stderr (wrk only counts them)
local bad = 0
function response(status, headers, body)
  if status ~= 201 and bad < 3 then bad = bad + 1; io.stderr:write(status .. " " .. body:sub(1, 300) .. "\n") end
end
LUA
} > "$W/bookings.lua"
# one booking by hand first: a 201 with the intent from payment-service (and so from the simulator)
FIRST=$(IDEMPOTENCY_KEY="first-$RUN_ID" api POST "$FLEET_GW/v1/bookings" "$(head -1 "$W/booking-fans.txt")" "$(sed -n 's/^  '"'"'\(.*\)'"'"',$/\1/p' "$W/bookings.lua" | head -1)" 2>&1 || true)
echo "first booking: $(jq -c '{status: .data.booking.status, number: .data.booking.bookingNumber, intent: (.data.booking.paymentIntent != null)}' <<< "$FIRST" 2>/dev/null || echo "$FIRST")"
# eight JVMs share two cores: their JIT settles only after minutes of this load (a 40 s warm-up measured 13/s with
# p50 0.56 s), so the warm-up runs B_WARM seconds (180) in 30 s steps, each step's rate printed to show it settle
CONNECTIONS=$C5 warm "$FLEET_GW/v1/bookings" -s "$W/bookings.lua"
for step in $(seq 1 $(( ${B_WARM:-180} / 30 ))); do
  echo "  warm-up step $step: $(CONNECTIONS=$C5 DURATION=30 rps "bookings-warm-$step" "$FLEET_GW/v1/bookings" -s "$W/bookings.lua")/s"
done
# where the CPU goes during the measured run: user+system ticks per process of the fleet, summed by name
cpu_ticks() {
  local pid args name
  ps -eo pid=,args= | while read -r pid args; do
    case "$args" in
      *"$W/fleet/jars/"*) name=${args##*"$W/fleet/jars/"}; name=${name%%.jar*}; name=${name%-0.1.0-SNAPSHOT} ;;
      *kafka.Kafka*|*KafkaProcess*|*kafka*server*) name=kafka ;;
      postgres:*|*bin/postgres*) name=postgres ;;
      *redis-server*) name=redis ;;
      *local-fleet.jar*) name="launcher+stripe-simulator" ;;
      *wrk*) name=wrk ;;
      *) continue ;;
    esac
    awk -v n="$name" '{ print n, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null
  done | awk '{ t[$1] += $2 } END { for (n in t) print n, t[n] }'
}
cpu_ticks > "$W/cpu-before.txt"
BK_RPS=$(CONNECTIONS=$C5 DURATION=$B_DURATION rps bookings "$FLEET_GW/v1/bookings" -s "$W/bookings.lua")
cpu_ticks > "$W/cpu-after.txt"
echo "CPU during the measured run (share of all fleet processes' CPU time):"
awk 'NR == FNR { before[$1] = $2; next } { d = $2 - before[$1]; if (d > 0) { used[$1] = d; sum += d } }
  END { for (n in used) printf "  %-28s %5.1f %%  (%.1f CPU s)\n", n, 100 * used[n] / sum, used[n] / 100 }' \
  "$W/cpu-before.txt" "$W/cpu-after.txt" | sort -k2 -rn | tee "$W/cpu-bookings.txt"
BK_P99=$(p99 "$W/wrk-bookings.txt")
BK_P50=$(awk '$1 == "50%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
  printf "%.1f", (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)) }' "$W/wrk-bookings.txt")
BK_N=$(awk '/requests in/ {print $1}' "$W/wrk-bookings.txt")
echo "bookings: $BK_RPS/s, p50 $BK_P50 ms, p99 $BK_P99 ms ($BK_N in ${B_DURATION}s, $C5 connections)"
