-- Shared by every service (common-lib ships it; a service's own migrations start at V2).

-- Transactional outbox: Spring Modulith's JDBC event publication registry (schema v2 of Modulith 2.0).
CREATE TABLE event_publication
(
  id                     UUID NOT NULL PRIMARY KEY,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- Idempotent consumers: one row per (consumer, event) already handled.
CREATE TABLE processed_event
(
  consumer     TEXT                     NOT NULL,
  event_id     UUID                     NOT NULL,
  event_type   TEXT                     NOT NULL,
  processed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (consumer, event_id)
);
