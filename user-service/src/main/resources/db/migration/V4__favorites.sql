-- Local replica of the public catalog, fed by CelebrityUpserted / CelebrityRemoved (starrymeet.celebrity.v1):
-- only what the favorites list shows. Only the highest aggregate version is kept; a removal is a mark, so
-- a later (higher-version) snapshot brings the celebrity back. A removal of an unknown celebrity leaves a
-- tombstone row without data.
CREATE TABLE celebrity_summary (
    celebrity_id        uuid        PRIMARY KEY,
    username            text,
    display_name        text,
    profile_photo_url   text,
    category_name       text,
    category_slug       text,
    lowest_price_cents  bigint,
    currency            text,
    public              boolean     NOT NULL DEFAULT false,
    removed             boolean     NOT NULL DEFAULT false,
    version             bigint      NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- a user's saved celebrities; newest first in the list
CREATE TABLE favorite (
    user_id       uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    celebrity_id  uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, celebrity_id)
);
CREATE INDEX favorite_user_created ON favorite (user_id, created_at DESC, celebrity_id);
