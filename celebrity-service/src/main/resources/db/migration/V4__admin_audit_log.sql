-- Every admin action on a celebrity profile: who, what, when, with the details of the change.
CREATE TABLE admin_audit_log
(
  id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  admin_id     UUID        NOT NULL,
  celebrity_id UUID        NOT NULL REFERENCES celebrity (id),
  action       VARCHAR(40) NOT NULL,
  details      JSONB       NOT NULL DEFAULT '{}',
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_celebrity_idx ON admin_audit_log (celebrity_id, created_at DESC);
