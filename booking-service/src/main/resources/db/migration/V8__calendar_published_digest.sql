-- The digest of the calendar last published as AvailabilityChanged: a change that leaves the public calendar as it
-- was (a booking that leaves its date with room, a window added to a date already listed) publishes nothing and
-- keeps the version, so celebrity-service and search-service are not asked to redo what they have.
ALTER TABLE calendar ADD COLUMN published_digest TEXT;
