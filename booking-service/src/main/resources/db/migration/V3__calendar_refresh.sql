-- "Upcoming" moves with the clock: when the earliest window counted in the last AvailabilityChanged starts,
-- the published dates may be out of date without any change. refresh_at is that instant (NULL when nothing is
-- available); CalendarRefresh publishes the calendar again once it has passed.
ALTER TABLE calendar ADD COLUMN refresh_at TIMESTAMPTZ;
CREATE INDEX calendar_refresh_idx ON calendar (refresh_at) WHERE refresh_at IS NOT NULL;
