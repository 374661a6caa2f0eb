-- Applications to become a celebrity: a registered user applies, an admin approves (which creates the profile,
-- linked to the user) or rejects with a reason. At most one PENDING application per user.
CREATE TABLE celebrity_application
(
  id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       UUID         NOT NULL,
  display_name  VARCHAR(100) NOT NULL CHECK (length(btrim(display_name)) > 0),
  username      VARCHAR(30)  NOT NULL CHECK (username ~ '^[a-z0-9_.]{3,30}$'),
  profession    VARCHAR(100),
  category_id   UUID         NOT NULL REFERENCES category (id),
  bio           TEXT,
  links         JSONB        NOT NULL DEFAULT '{}',
  message       TEXT,
  status        VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  reason        TEXT, -- the rejection reason, shown to the applicant
  decided_by    UUID,
  decided_at    TIMESTAMPTZ,
  celebrity_id  UUID REFERENCES celebrity (id), -- the profile an approval created
  version       BIGINT       NOT NULL DEFAULT 1,
  created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX celebrity_application_one_pending_idx ON celebrity_application (user_id) WHERE status = 'PENDING';
CREATE INDEX celebrity_application_user_idx ON celebrity_application (user_id, created_at DESC);
CREATE INDEX celebrity_application_status_idx ON celebrity_application (status, created_at, id);

-- Admin decisions on applications are audited too; a rejection concerns no profile.
ALTER TABLE admin_audit_log ALTER COLUMN celebrity_id DROP NOT NULL;
ALTER TABLE admin_audit_log ADD COLUMN application_id UUID REFERENCES celebrity_application (id);
CREATE INDEX admin_audit_log_application_idx ON admin_audit_log (application_id, created_at DESC) WHERE application_id IS NOT NULL;
