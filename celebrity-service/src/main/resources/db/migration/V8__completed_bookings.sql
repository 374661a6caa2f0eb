-- The meetings that took place, one row per booking, from booking-service's BookingCompleted: total_bookings is
-- their count, so a booking completed twice (e.g. again after a dispute) is counted once.
CREATE TABLE completed_booking
(
  booking_id   UUID PRIMARY KEY,
  celebrity_id UUID        NOT NULL,
  completed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX completed_booking_celebrity_idx ON completed_booking (celebrity_id);
