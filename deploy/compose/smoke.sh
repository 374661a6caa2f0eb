#!/usr/bin/env bash
# A smoke check of the compose fleet through its gateway (needs curl; jq not needed):
# GET /v1/categories, register and log in a fan, GET /v1/users/me and /v1/celebrities with the token, the welcome
# e-mail in the mailbox (user-service -> Kafka -> notification-service -> SMTP). Exit 0 = all passed.
#   deploy/compose/smoke.sh          (GATEWAY_PORT, MAILBOX_PORT as for up.sh)
set -euo pipefail
G=http://127.0.0.1:${GATEWAY_PORT:-18080}
M=http://127.0.0.1:${MAILBOX_PORT:-18025}
passed=0; failed=0
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
echo "smoke check through $G ($(date -u +%FT%TZ))"
code=$(status "$G/v1/categories"); [[ $code == 200 ]] && ok "GET /v1/categories 200" || bad "GET /v1/categories $code"
email="compose-$(date +%s)-$RANDOM@example.com"
body=$(curl -s -w '\n%{http_code}' -X POST "$G/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"Correct-Horse-42!\",\"firstName\":\"Ada\",\"lastName\":\"Compose\"}")
code=${body##*$'\n'}
[[ $code == 201 || $code == 200 ]] && ok "POST /v1/auth/register $code ($email)" || bad "POST /v1/auth/register $code: ${body%$'\n'*}"
login=$(curl -s -X POST "$G/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"Correct-Horse-42!\"}")
token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$login")
[[ -n $token ]] && ok "POST /v1/auth/login: an access token" || bad "POST /v1/auth/login: $login"
code=$(status "$G/v1/users/me" -H "Authorization: Bearer $token")
[[ $code == 200 ]] && ok "GET /v1/users/me with the token 200" || bad "GET /v1/users/me $code"
code=$(status "$G/v1/users/me")
[[ $code == 401 ]] && ok "GET /v1/users/me without a token 401" || bad "GET /v1/users/me without a token $code"
code=$(status "$G/v1/celebrities?limit=5" -H "Authorization: Bearer $token")
[[ $code == 200 ]] && ok "GET /v1/celebrities 200" || bad "GET /v1/celebrities $code"
code=$(status "$G/v1/search/celebrities?q=a")
[[ $code == 200 ]] && ok "GET /v1/search/celebrities 200" || bad "GET /v1/search/celebrities $code"
mail=""
for _ in $(seq 1 30); do
  mail=$(curl -s "$M/messages?to=$email" || true)
  [[ $mail == *'"subject"'* ]] && break
  sleep 2
done
[[ $mail == *'"subject"'* ]] && ok "e-mail to $email in the mailbox: $(sed -n 's/.*"subject":"\([^"]*\)".*/\1/p' <<<"$mail" | head -1)" \
  || bad "no e-mail to $email in the mailbox within 60 s ($mail)"
echo "$passed passed, $failed failed"
((failed == 0))
