-- Issue 11: what a receipt says about the meeting and the fee, which the payment row does not hold. Copied from the
-- booking events payment-service already consumes (BookingRequested / BookingConfirmed carry `meeting` and `price`;
-- BookingRescheduled `to`; BookingCanceled / BookingCompleted both again), one row per booking, the newest event
-- (by the booking's aggregate version) wins. A separate table rather than columns of `payment`: BookingRequested
-- may be consumed before booking-service's intent call has made the payment row.
CREATE TABLE booking_meeting (
    booking_id          uuid PRIMARY KEY,
    booking_number      varchar(32)  NOT NULL,
    celebrity_name      varchar(200) NOT NULL,
    meeting_type_name   varchar(200) NOT NULL,
    duration_minutes    integer      NOT NULL CHECK (duration_minutes > 0),
    starts_at           timestamptz  NOT NULL,
    time_zone           varchar(64)  NOT NULL,
    city                varchar(200) NOT NULL,
    country             varchar(8)   NOT NULL,
    -- BookingPrice as frozen at booking time (BookingRescheduled carries none: the price does not change)
    price_cents         bigint CHECK (price_cents > 0),
    platform_fee_cents  bigint CHECK (platform_fee_cents >= 0),
    currency            varchar(3) CHECK (currency ~ '^[A-Z]{3}$'),
    source_version      bigint       NOT NULL,
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    CHECK (platform_fee_cents IS NULL OR platform_fee_cents <= price_cents)
);
