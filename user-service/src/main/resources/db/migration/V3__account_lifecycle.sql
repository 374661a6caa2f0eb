-- erased accounts keep their row (id only, anonymized) so references elsewhere stay valid
ALTER TABLE app_user DROP CONSTRAINT app_user_status_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_status_check CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DELETED'));
ALTER TABLE app_user ALTER COLUMN first_name DROP NOT NULL;
ALTER TABLE app_user ALTER COLUMN last_name DROP NOT NULL;
ALTER TABLE app_user ADD COLUMN deleted_at timestamptz;

-- TOTP 2FA: the secret is AES-GCM encrypted (never stored in clear); the last accepted time step stops replays
ALTER TABLE app_user ADD COLUMN totp_secret varchar(200);
ALTER TABLE app_user ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;

-- one-time 2FA recovery codes, SHA-256 hex only
CREATE TABLE recovery_code (
    user_id    uuid     NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash  char(64) NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- single-use password reset tokens, SHA-256 hex only
CREATE TABLE password_reset_token (
    token_hash  char(64)    PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_reset_token_user ON password_reset_token (user_id);

-- every admin action: who, what, on whom, when, details
CREATE TABLE admin_audit_log (
    id          bigserial   PRIMARY KEY,
    actor_id    uuid        NOT NULL,
    action      varchar(32) NOT NULL,
    target_id   uuid,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_created ON admin_audit_log (created_at DESC, id DESC);
CREATE INDEX admin_audit_log_target ON admin_audit_log (target_id);
