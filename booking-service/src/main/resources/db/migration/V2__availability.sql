-- Availability (scheduling context): the celebrity replica, locations, time windows with capacity, blocked
-- dates, and the per-celebrity calendar version that orders AvailabilityChanged events.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Local replica of the catalog, fed by CelebrityUpserted / CelebrityRemoved (starrymeet.celebrity.v1): only
-- what ownership and existence checks need. The highest aggregate version wins; a removal is a tombstone, so
-- a stale snapshot arriving after it stays ignored.
CREATE TABLE celebrity_replica
(
  celebrity_id UUID PRIMARY KEY,
  user_id      UUID,                    -- the managing CELEBRITY account; NULL when admins manage the profile
  active       BOOLEAN     NOT NULL DEFAULT FALSE,
  removed      BOOLEAN     NOT NULL DEFAULT FALSE,
  version      BIGINT      NOT NULL,    -- aggregateVersion of the last applied catalog event
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX celebrity_replica_user_idx ON celebrity_replica (user_id);

-- One row per celebrity whose availability ever changed. Every change starts with
-- UPDATE calendar SET version = version + 1 (an upsert): the row lock serialises the changes of one celebrity
-- and the version is the aggregateVersion of the AvailabilityChanged recorded in the same transaction.
CREATE TABLE calendar
(
  celebrity_id UUID PRIMARY KEY,
  version      BIGINT      NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A place a celebrity visits, with the IANA time zone every window there is expressed in.
CREATE TABLE location
(
  id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  celebrity_id UUID         NOT NULL,
  city         VARCHAR(100) NOT NULL CHECK (length(btrim(city)) > 0),
  country      VARCHAR(100) NOT NULL CHECK (length(btrim(country)) > 0),
  time_zone    VARCHAR(64)  NOT NULL,
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX location_city_uq ON location (celebrity_id, lower(city), lower(country));

-- A time window on a local date at a location; capacity = how many bookings fit. starts_at / ends_at are
-- the same window as instants (computed from date, times and the location's zone), so windows of one
-- celebrity never overlap, whatever their locations: the exclusion constraint makes that race-free.
-- Bookings (a later issue) take a slot with UPDATE ... SET booked = booked + 1
-- WHERE id = ? AND booked < capacity AND NOT blocked AND starts_at > now().
CREATE TABLE time_window
(
  id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  celebrity_id UUID        NOT NULL,
  location_id  UUID        NOT NULL REFERENCES location (id),
  date         DATE        NOT NULL,
  start_time   TIME        NOT NULL,
  end_time     TIME        NOT NULL,
  starts_at    TIMESTAMPTZ NOT NULL,
  ends_at      TIMESTAMPTZ NOT NULL,
  capacity     INT         NOT NULL CHECK (capacity >= 1),
  booked       INT         NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
  blocked      BOOLEAN     NOT NULL DEFAULT FALSE, -- its date is blocked (kept with blocked_date in one transaction)
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT time_window_ends_after_start CHECK (ends_at > starts_at AND end_time > start_time),
  CONSTRAINT time_window_no_overlap EXCLUDE USING gist (celebrity_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);
CREATE INDEX time_window_upcoming_idx ON time_window (celebrity_id, starts_at);
CREATE INDEX time_window_date_idx ON time_window (celebrity_id, date);
CREATE INDEX time_window_location_idx ON time_window (location_id);

-- A date the celebrity is not available, whatever the location (it matches windows by their local date).
CREATE TABLE blocked_date
(
  celebrity_id UUID        NOT NULL,
  date         DATE        NOT NULL,
  reason       VARCHAR(200),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (celebrity_id, date)
);
