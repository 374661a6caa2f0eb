#!/usr/bin/env bash
# A booking paid through the compose fleet (needs curl and jq): the money path across containers. An operator makes
# an admin (there is no seeded admin outside deploy/local: a registered user is promoted in user-service's database);
# a celebrity applies and is approved, adds a meeting type, a place and a window; a fan books it and pays with Stripe's
# test card at the Stripe simulator, whose signed webhook comes back through the gateway; the booking must turn
# confirmed (payment-service -> Kafka -> booking-service) and the confirmation reach the mailbox.
#   deploy/compose/smoke-booking.sh     (POSTGRES_CONTAINER: starrymeet_postgres_1; docker: starrymeet-postgres-1)
set -euo pipefail
G=http://127.0.0.1:${GATEWAY_PORT:-18080}
M=http://127.0.0.1:${MAILBOX_PORT:-18025}
engine=${CONTAINER_ENGINE:-podman}
pg=${POSTGRES_CONTAINER:-starrymeet_postgres_1}
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }
run=$(date +%s)
passed=0; failed=0
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
json() { curl -s -H 'Content-Type: application/json' "$@"; }
register() { # the gateway allows 5 registrations a minute per address: wait for the bucket when it says 429
  local answer
  for _ in $(seq 1 8); do
    answer=$(json -X POST "$G/v1/auth/register" -d "{\"email\":\"$1\",\"password\":\"Correct-Horse-42!\",\"firstName\":\"$2\",\"lastName\":\"Compose\"}")
    [[ $(jq -r '.status // empty' <<<"$answer") == 429 ]] || break
    sleep 15
  done
  printf '%s' "$answer"
}
login() { json -X POST "$G/v1/auth/login" -d "{\"email\":\"$1\",\"password\":\"Correct-Horse-42!\"}" | jq -r '.data.accessToken // empty'; }
echo "booking smoke check through $G ($(date -u +%FT%TZ))"

admin_email="ops-$run@example.com"
register "$admin_email" Ops >/dev/null
"$engine" exec "$pg" psql -q -U postgres -d starrymeet_user -c "UPDATE app_user SET role = 'ADMIN' WHERE email = '$admin_email'" >/dev/null
ADMIN=$(login "$admin_email")
[[ -n $ADMIN ]] && ok "an operator's admin ($admin_email, promoted in starrymeet_user)" || bad "admin login"

star_email="star-$run@example.com"
R=$(register "$star_email" Sol)
APP=$(json -X POST "$G/v1/celebrities/applications" -H "Authorization: Bearer $(jq -r '.data.accessToken' <<<"$R")" \
  -d "{\"displayName\":\"Sol Compose $run\",\"username\":\"sol$run\",\"profession\":\"Singer\",\"category\":\"musicians\",\"bio\":\"Sings.\",\"message\":\"Hello!\"}" | jq -r '.data.id // empty')
APPROVED=$(json -X POST "$G/v1/admin/celebrity-applications/$APP/approve" -H "Authorization: Bearer $ADMIN" | jq -r '.data.status // empty')
[[ ${APPROVED,,} == approved ]] && ok "celebrity application $APP approved" || bad "approval: '$APPROVED'"
STAR=""
for _ in $(seq 1 20); do   # the CELEBRITY role reaches user-service through Kafka
  STAR=$(json -X POST "$G/v1/auth/refresh" -d "{\"refreshToken\":\"$(jq -r '.data.refreshToken' <<<"$R")\"}" | jq -r '.data.accessToken // empty')
  R=$(jq --arg t "$STAR" '.data.accessToken = $t' <<<"$R")
  CID=$(curl -s "$G/v1/celebrities/me" -H "Authorization: Bearer $STAR" | jq -r '.data.id // empty')
  [[ -n $CID ]] && break
  R=$(json -X POST "$G/v1/auth/login" -d "{\"email\":\"$star_email\",\"password\":\"Correct-Horse-42!\"}")
  sleep 1
done
[[ -n ${CID:-} ]] && ok "celebrity $CID" || bad "no celebrity profile for $star_email"
MT=$(json -X POST "$G/v1/celebrities/me/meeting-types" -H "Authorization: Bearer $STAR" \
  -d '{"name":"Standard Meet","durationMinutes":30,"priceCents":25000}' | jq -r '.data.id // empty')
LOC=$(json -X POST "$G/v1/celebrities/$CID/availability/locations" -H "Authorization: Bearer $STAR" \
  -d '{"city":"Reykjavik","country":"Iceland","timeZone":"Atlantic/Reykjavik"}' | jq -r '.data.id // empty')
D=$(date -u -d '+40 days' +%F)
W=$(json -X POST "$G/v1/celebrities/$CID/availability/windows" -H "Authorization: Bearer $STAR" \
  -d "{\"locationId\":\"$LOC\",\"date\":\"$D\",\"startTime\":\"10:00\",\"endTime\":\"12:00\",\"capacity\":1}" | jq -r '.data.id // empty')
[[ -n $MT && -n $LOC && -n $W ]] && ok "meeting type, place and window on $D" || bad "meeting type '$MT', place '$LOC', window '$W'"

fan_email="fan-$run@example.com"
register "$fan_email" Ada >/dev/null
FAN=$(login "$fan_email")
[[ -n $FAN ]] && ok "fan $fan_email registered and logged in" || bad "fan login"
BOOKING=""
for _ in $(seq 1 20); do   # the new meeting type reaches booking-service's price check right away; the window too
  BOOKING=$(json -X POST "$G/v1/bookings" -H "Authorization: Bearer $FAN" -H "Idempotency-Key: smoke-$run-$RANDOM" \
    -d "{\"celebrityId\":\"$CID\",\"meetingTypeId\":\"$MT\",\"availableDateId\":\"$W\",\"date\":\"$D\",\"time\":\"10:00\",\"location\":{\"city\":\"Reykjavik\",\"country\":\"Iceland\"}}")
  [[ $(jq -r '.data.booking.status // empty' <<<"$BOOKING") == pending ]] && break
  sleep 1
done
BID=$(jq -r '.data.booking.id // empty' <<<"$BOOKING")
[[ -n $BID ]] && ok "booking $(jq -r '.data.booking.bookingNumber' <<<"$BOOKING") pending, PaymentIntent $(jq -r '.data.booking.paymentIntent.clientSecret | split("_secret")[0]' <<<"$BOOKING")" \
  || bad "booking: $(jq -c '{status, code, detail}' <<<"$BOOKING" 2>/dev/null || echo "$BOOKING")"
PAID=$(json -X POST "$G/v1/payments/confirm" -H "Authorization: Bearer $FAN" -d "{\"bookingId\":\"$BID\",\"paymentMethodId\":\"pm_card_visa\"}")
[[ $(jq -r '.data.status // empty' <<<"$PAID") == succeeded ]] && ok "paid at the Stripe simulator (pm_card_visa): succeeded" \
  || bad "payment: $(jq -c . <<<"$PAID" 2>/dev/null || echo "$PAID")"
status=""
for _ in $(seq 1 30); do   # the simulator's signed webhook -> gateway -> payment-service -> Kafka -> booking-service
  status=$(curl -s "$G/v1/bookings/$BID" -H "Authorization: Bearer $FAN" | jq -r '.data.status // empty')
  [[ $status == confirmed ]] && break
  sleep 1
done
[[ $status == confirmed ]] && ok "booking confirmed (webhook through the gateway, PaymentSucceeded over Kafka)" || bad "booking is '$status'"
mail=""
for _ in $(seq 1 30); do
  mail=$(curl -s "$M/messages?to=$fan_email" | jq -r '[.[].subject] | join(" | ")')
  [[ $mail == *onfirm* ]] && break
  sleep 2
done
[[ $mail == *onfirm* ]] && ok "e-mails to the fan: $mail" || bad "no confirmation e-mail to $fan_email ($mail)"
echo "$passed passed, $failed failed"
((failed == 0))
