-- notification-service's own tables (V1, the outbox and processed events, comes from common-lib).

-- The contact details of each account, a replica of user-service's (UserRegistered, UserUpdated); erased on
-- UserDeleted (the row stays, empty, so a late UserUpdated cannot bring the details back).
CREATE TABLE contact (
    user_id    uuid PRIMARY KEY,
    email      text,
    first_name text,
    last_name  text,
    phone      text,
    erased_at  timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contact_erased_is_empty CHECK (erased_at IS NULL
        OR (email IS NULL AND first_name IS NULL AND last_name IS NULL AND phone IS NULL))
);

-- What a booking is, from booking-service's events: payment events carry only the booking id, and the receipt
-- and refund e-mails name the meeting. Newest aggregate version wins.
CREATE TABLE booking_replica (
    booking_id        uuid PRIMARY KEY,
    booking_number    text        NOT NULL,
    fan_id            uuid        NOT NULL,
    celebrity_user_id uuid,
    celebrity_name    text        NOT NULL,
    meeting_type_name text        NOT NULL,
    starts_at         timestamptz NOT NULL,
    time_zone         text        NOT NULL,
    city              text        NOT NULL,
    country           text        NOT NULL,
    version           bigint      NOT NULL
);

-- One message to send on one channel: at most one per (event, recipient, channel) — the unique key is the
-- once-only guarantee, whatever the redeliveries. Rendered when the event is consumed; the rendered text (which
-- may hold a one-time link) is cleared once sent. to_address NULL = the recipient's contact at send time.
CREATE TABLE delivery (
    id              uuid PRIMARY KEY,
    event_id        uuid        NOT NULL,
    recipient_id    uuid        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    type            text        NOT NULL,
    to_address      text,
    subject         text,
    body_text       text,
    body_html       text,
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'dropped')),
    attempts        int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CONSTRAINT delivery_once UNIQUE (event_id, recipient_id, channel),
    CONSTRAINT delivery_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_dead ON delivery (created_at DESC) WHERE status = 'dead';

-- The bell: in-app notifications, one per (event, user).
CREATE TABLE in_app_notification (
    id         uuid PRIMARY KEY,
    event_id   uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    type       text        NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL,
    link       text,
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    CONSTRAINT in_app_once UNIQUE (event_id, user_id)
);
CREATE INDEX in_app_by_user ON in_app_notification (user_id, created_at DESC, id DESC);
CREATE INDEX in_app_unread ON in_app_notification (user_id) WHERE read_at IS NULL;

-- A user's choices per type and channel; no row = the type's default (on). Transactional types are never stored
-- off (the API refuses).
CREATE TABLE notification_preference (
    user_id    uuid        NOT NULL,
    type       text        NOT NULL,
    channel    text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'IN_APP')),
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, type, channel)
);
