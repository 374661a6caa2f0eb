-- The review read model, fed by booking-service's ReviewSubmitted (booking-service owns the truth).
-- One review per booking; no foreign key to celebrity: an event may name a celebrity this service does not know yet.
CREATE TABLE review
(
  id                UUID PRIMARY KEY, -- booking-service's review id
  booking_id        UUID         NOT NULL UNIQUE,
  celebrity_id      UUID         NOT NULL,
  reviewer_id       UUID         NOT NULL,
  reviewer_name     VARCHAR(100) NOT NULL,
  rating            SMALLINT     NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title             VARCHAR(200),
  comment           TEXT,
  meeting_type_name VARCHAR(100),
  submitted_at      TIMESTAMPTZ  NOT NULL,
  received_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX review_celebrity_idx ON review (celebrity_id, submitted_at DESC, id);
CREATE INDEX review_celebrity_rating_idx ON review (celebrity_id, rating, submitted_at DESC, id);
