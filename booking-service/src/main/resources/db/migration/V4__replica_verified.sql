-- The public calendar follows the catalog's visibility: only active AND verified celebrities are public.
ALTER TABLE celebrity_replica ADD COLUMN verified BOOLEAN NOT NULL DEFAULT FALSE;
