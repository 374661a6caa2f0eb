-- Where and when a favorite can be met, from the snapshot's availability summary:
-- [{city, country, availableDatesCount, nextAvailableDate}], replaced with every newer snapshot.
ALTER TABLE celebrity_summary ADD COLUMN availability jsonb NOT NULL DEFAULT '[]';
