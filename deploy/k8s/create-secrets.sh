#!/usr/bin/env bash
# Creates the secrets the manifests reference by name (README.md, "Secrets"), in namespace starrymeet unless
# NAMESPACE says otherwise. Keys are generated here with openssl; provider credentials come from the environment:
#   STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET      (payment-service; required for production)
#   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM                    (notification-service, sms-provider=twilio)
#   SMTP_USERNAME, SMTP_PASSWORD                                          (notification-service, optional)
# A secret that exists already is left alone (new keys would end every session and every e-mailed link).
# DRY_RUN=1 prints the secrets as YAML instead of creating them. In production prefer your secret manager
# (External Secrets, Sealed Secrets, Vault) with the same names and keys.
#   NAMESPACE=starrymeet ./deploy/k8s/create-secrets.sh [--local-tls]
set -euo pipefail
NAMESPACE=${NAMESPACE:-starrymeet}
LOCAL_TLS=false
[[ ${1:-} == --local-tls ]] && LOCAL_TLS=true
command -v openssl >/dev/null || { echo "needs openssl" >&2; exit 1; }
command -v kubectl >/dev/null || { echo "needs kubectl (apt-get install kubectl)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

create() { # name, then kubectl create secret arguments
  local name=$1; shift
  if [[ ${DRY_RUN:-} == 1 ]]; then
    kubectl create secret "$@" --namespace "$NAMESPACE" --dry-run=client -o yaml; echo "---"
  elif kubectl get secret "$name" --namespace "$NAMESPACE" >/dev/null 2>&1; then
    echo "secret $name exists: kept"
  else
    kubectl create secret "$@" --namespace "$NAMESPACE"
  fi
}
local_value() { # a provider credential from the environment, or a marker that says it is unset (local cluster)
  local value=${!1:-}
  if [[ -z $value ]]; then
    echo "$1 is not set: storing a placeholder (fine for a local cluster, not for production)" >&2
    value="unset-local-$1"
  fi
  printf '%s' "$value"
}

# user-service: RS256 signing key (PKCS#8 PEM), the TOTP data key (AES-256, base64), and the public half of the
# X25519 pair e-mailed tokens are sealed with; notification-service gets the private half
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/signing.pem" 2>/dev/null
openssl genpkey -algorithm X25519 -out "$work/sealing.pem"
openssl pkey -in "$work/sealing.pem" -pubout -out "$work/sealing.pub.pem"
create user-service-secrets generic user-service-secrets \
  --from-file=signing-keys="$work/signing.pem" \
  --from-literal=data-key="$(openssl rand -base64 32)" \
  --from-file=link-sealing-public-key="$work/sealing.pub.pem"

# booking-service: the HMAC key of the fans' check-in codes
create booking-service-secrets generic booking-service-secrets \
  --from-literal=check-in-secret="$(openssl rand -base64 32)"

# payment-service: Stripe's keys (dashboard → Developers → API keys; the webhook endpoint's signing secret)
create payment-service-secrets generic payment-service-secrets \
  --from-literal=stripe-secret-key="$(local_value STRIPE_SECRET_KEY)" \
  --from-literal=stripe-publishable-key="$(local_value STRIPE_PUBLISHABLE_KEY)" \
  --from-literal=stripe-webhook-secret="$(local_value STRIPE_WEBHOOK_SECRET)"

# notification-service: the private half of the sealing pair, Twilio, SMTP credentials (optional keys)
smtp=()
[[ -n ${SMTP_USERNAME:-} ]] && smtp+=(--from-literal=smtp-username="$SMTP_USERNAME")
[[ -n ${SMTP_PASSWORD:-} ]] && smtp+=(--from-literal=smtp-password="$SMTP_PASSWORD")
create notification-service-secrets generic notification-service-secrets \
  --from-file=link-sealing-private-key="$work/sealing.pem" \
  --from-literal=twilio-account-sid="$(local_value TWILIO_ACCOUNT_SID)" \
  --from-literal=twilio-auth-token="$(local_value TWILIO_AUTH_TOKEN)" \
  --from-literal=twilio-from="$(local_value TWILIO_FROM)" \
  "${smtp[@]}"

# Redis: the password the operator sets and the gateway, user-, celebrity- and notification-service use
create redis-auth generic redis-auth --from-literal=password="$(openssl rand -hex 24)"

# the local overlay's Ingress certificate (self-signed); production: cert-manager issues starrymeet-api-tls
if [[ $LOCAL_TLS == true ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=starrymeet.localtest.me" \
    -addext "subjectAltName=DNS:starrymeet.localtest.me" -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
  create starrymeet-local-tls tls starrymeet-local-tls --cert="$work/tls.crt" --key="$work/tls.key"
fi
