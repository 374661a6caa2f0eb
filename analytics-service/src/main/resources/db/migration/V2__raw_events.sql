-- Append-only store of everything analytics ingests; rollups are computed from it.
CREATE TABLE raw_event
(
  id          UUID PRIMARY KEY,
  name        VARCHAR(64) NOT NULL,
  source      VARCHAR(16) NOT NULL CHECK (source IN ('client', 'domain')),
  user_id     TEXT,
  session_id  VARCHAR(64),
  properties  JSONB       NOT NULL DEFAULT '{}'::jsonb,
  occurred_at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX raw_event_name_time_idx ON raw_event (name, occurred_at);
