-- accounts: the email is stored lower-case and unique whatever its case
CREATE TABLE app_user (
    id              uuid PRIMARY KEY,
    email           varchar(254) NOT NULL,
    password_hash   varchar(100) NOT NULL,
    first_name      varchar(50)  NOT NULL,
    last_name       varchar(50)  NOT NULL,
    phone           varchar(16),
    avatar_url      varchar(2048),
    role            varchar(16)  NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'CELEBRITY', 'ADMIN')),
    status          varchar(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    email_verified  boolean      NOT NULL DEFAULT false,
    version         bigint       NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email_uk ON app_user (lower(email));

-- single-use email verification tokens, SHA-256 hex of the token only
CREATE TABLE email_verification_token (
    token_hash  char(64)    PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX email_verification_token_user ON email_verification_token (user_id);

-- consecutive login failures per normalized email, whether or not an account exists for it
CREATE TABLE login_attempt (
    email         varchar(254) PRIMARY KEY,
    failures      int          NOT NULL,
    locked_until  timestamptz,
    updated_at    timestamptz  NOT NULL DEFAULT now()
);

-- opaque refresh tokens (SHA-256 hex only), rotated inside a family
CREATE TABLE refresh_token (
    token_hash  char(64)    PRIMARY KEY,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);
