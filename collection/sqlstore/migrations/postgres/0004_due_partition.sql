-- 0004: the due index carries the partition key, so that a worker reading its
-- partition's due cases (Store.Partition: a range of keys) skips the other
-- partitions' rows in the index, without reading them from the table.
CREATE INDEX dunning_cases_due_part ON dunning_cases (next_due, id, part);
DROP INDEX dunning_cases_due;
-- The documents are compressed with lz4 instead of pglz where the server has
-- it (PostgreSQL 14 or later, built with lz4, as the Debian and Ubuntu packages
-- and the official images are): a letter's HTML is compressed in a third of
-- the time, which the daily run's outbox inserts notice. Elsewhere nothing
-- changes; values written before keep their compression.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'ALTER TABLE dunning_outbox ALTER COLUMN doc SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE dunning_cases ALTER COLUMN doc SET COMPRESSION lz4';
        EXECUTE 'ALTER TABLE dunning_events ALTER COLUMN doc SET COMPRESSION lz4';
    END IF;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'dunning: documents keep the default compression: %', SQLERRM;
END $$;
