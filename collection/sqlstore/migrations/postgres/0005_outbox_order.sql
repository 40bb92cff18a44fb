-- 0005: outbox positions follow the id of the transaction that wrote them, so
-- that the workers of a daily run insert their letters without waiting for
-- each other and a relay's cursor (Outbox(after), Undelivered(after)) still
-- never skips a letter that committed late.
--
-- A position is base + (transaction id << 16) + k, k = 1, 2, ... the rows the
-- transaction inserted (at most 65,535), base the last position before this
-- migration. A reader takes only the positions below
-- dunning_outbox_horizon(): base + (xmin << 16), xmin the oldest transaction
-- still running in its snapshot. Every transaction below xmin has committed
-- or rolled back, and every transaction still to commit has an id of xmin or
-- more, so its positions are above every position read. Until 0005 the
-- positions came from an identity column and the writers took an advisory
-- lock for the outbox from the insert to the commit.
DO $do$
DECLARE
    base bigint;
BEGIN
    SELECT coalesce(max(pos), 0) INTO base FROM dunning_outbox;
    EXECUTE format($f$
CREATE FUNCTION dunning_outbox_pos() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $b$
DECLARE
    k bigint := coalesce(nullif(current_setting('dunning.outbox_row', true), ''), '0')::bigint + 1;
BEGIN
    IF k > 65535 THEN
        RAISE EXCEPTION 'dunning: more than 65535 outbox messages in one transaction';
    END IF;
    PERFORM set_config('dunning.outbox_row', k::text, true);
    RETURN %s + (pg_current_xact_id()::text::bigint << 16) + k;
END
$b$
$f$, base);
    EXECUTE format($f$
CREATE FUNCTION dunning_outbox_horizon() RETURNS bigint LANGUAGE sql STABLE AS $b$
SELECT %s + (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)
$b$
$f$, base);
END $do$;
ALTER TABLE dunning_outbox ALTER COLUMN pos DROP IDENTITY;
ALTER TABLE dunning_outbox ALTER COLUMN pos SET DEFAULT dunning_outbox_pos();
