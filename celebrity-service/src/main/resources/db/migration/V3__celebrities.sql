-- Celebrity profiles, their meeting types (prices) and the availability read model fed by booking-service.

CREATE TABLE celebrity
(
  id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            UUID UNIQUE, -- the CELEBRITY account that edits it; NULL for a profile managed by admins
  username           VARCHAR(30)  NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.]{3,30}$'),
  display_name       VARCHAR(100) NOT NULL CHECK (length(btrim(display_name)) > 0),
  profession         VARCHAR(100),
  category_id        UUID         NOT NULL REFERENCES category (id),
  bio                TEXT,
  profile_photo_url  TEXT,
  cover_photo_url    TEXT,
  verified           BOOLEAN      NOT NULL DEFAULT FALSE,
  active             BOOLEAN      NOT NULL DEFAULT TRUE,
  featured           BOOLEAN      NOT NULL DEFAULT FALSE,
  average_rating     NUMERIC(3, 2) NOT NULL DEFAULT 0 CHECK (average_rating BETWEEN 0 AND 5),
  total_reviews      INT          NOT NULL DEFAULT 0 CHECK (total_reviews >= 0),
  total_bookings     INT          NOT NULL DEFAULT 0 CHECK (total_bookings >= 0),
  -- lowest price among ACTIVE meeting types, kept in the same transaction as every meeting-type change
  lowest_price_cents BIGINT,
  version            BIGINT       NOT NULL DEFAULT 0,
  created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Public = active AND verified: partial indexes for the list's filters and sorts.
CREATE INDEX celebrity_public_category_idx ON celebrity (category_id) WHERE active AND verified;
CREATE INDEX celebrity_public_price_idx ON celebrity (lowest_price_cents, id) WHERE active AND verified;
CREATE INDEX celebrity_public_rating_idx ON celebrity (average_rating DESC, total_reviews DESC, id) WHERE active AND verified;
CREATE INDEX celebrity_public_popularity_idx ON celebrity (total_bookings DESC, average_rating DESC, id) WHERE active AND verified;
CREATE INDEX celebrity_public_newest_idx ON celebrity (created_at DESC, id) WHERE active AND verified;
CREATE INDEX celebrity_featured_idx ON celebrity (id) WHERE active AND verified AND featured;

CREATE TABLE meeting_type
(
  id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  celebrity_id     UUID         NOT NULL REFERENCES celebrity (id) ON DELETE CASCADE,
  name             VARCHAR(50)  NOT NULL CHECK (length(btrim(name)) > 0),
  duration_minutes INT          NOT NULL CHECK (duration_minutes BETWEEN 5 AND 240),
  price_cents      BIGINT       NOT NULL CHECK (price_cents > 0),
  currency         CHAR(3)      NOT NULL DEFAULT 'USD' CHECK (currency = 'USD'),
  description      TEXT,
  active           BOOLEAN      NOT NULL DEFAULT TRUE,
  sort_order       INT          NOT NULL DEFAULT 0,
  created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX meeting_type_celebrity_idx ON meeting_type (celebrity_id, sort_order);

-- Availability read model, replaced as a whole by every AvailabilityChanged (booking-service owns the truth).
-- No foreign key: an event may name a celebrity before this service has it.
CREATE TABLE availability_state
(
  celebrity_id UUID PRIMARY KEY,
  version      BIGINT      NOT NULL, -- aggregateVersion of the last applied AvailabilityChanged
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE availability_summary
(
  celebrity_id          UUID         NOT NULL,
  city                  VARCHAR(100) NOT NULL,
  country               VARCHAR(100) NOT NULL,
  time_zone             VARCHAR(64),
  available_dates_count INT          NOT NULL,
  next_available_date   DATE,
  PRIMARY KEY (celebrity_id, city, country)
);
CREATE INDEX availability_summary_city_idx ON availability_summary (lower(city), celebrity_id);
CREATE INDEX availability_summary_country_idx ON availability_summary (lower(country), celebrity_id);

-- Every available date per location, for the list's date filter.
CREATE TABLE availability_date
(
  celebrity_id UUID         NOT NULL,
  city         VARCHAR(100) NOT NULL,
  country      VARCHAR(100) NOT NULL,
  date         DATE         NOT NULL,
  PRIMARY KEY (celebrity_id, city, country, date)
);
CREATE INDEX availability_date_date_idx ON availability_date (date, celebrity_id);
