-- Reminders 24 hours and 1 hour before a confirmed meeting: durable rows claimed with FOR UPDATE SKIP LOCKED (sent
-- once across instances). Moved on reschedule, dropped on cancellation or expiry; version = the booking event's
-- aggregate version that last decided the row (an older, redelivered event cannot bring a dropped reminder back).
CREATE TABLE reminder (
    booking_id uuid        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('24H', '1H')),
    starts_at  timestamptz NOT NULL,
    due_at     timestamptz NOT NULL,
    status     text        NOT NULL CHECK (status IN ('pending', 'sent', 'dropped')),
    version    bigint      NOT NULL,
    sent_at    timestamptz,
    PRIMARY KEY (booking_id, kind),
    CONSTRAINT reminder_before_meeting CHECK (due_at < starts_at),
    CONSTRAINT reminder_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX reminder_due ON reminder (due_at) WHERE status = 'pending';
