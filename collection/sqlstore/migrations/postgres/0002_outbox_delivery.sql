-- 0002: delivery state of the outbox, for relays in several processes: the send
-- time, a lease (owner and expiry) and the delivery mark. Times are Unix
-- milliseconds; 0 means none.
ALTER TABLE dunning_outbox ADD COLUMN send_at      BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dunning_outbox ADD COLUMN lease_owner  TEXT;
ALTER TABLE dunning_outbox ADD COLUMN lease_until  BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dunning_outbox ADD COLUMN attempts     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dunning_outbox ADD COLUMN delivered_at BIGINT;
CREATE INDEX dunning_outbox_pending ON dunning_outbox (pos) WHERE delivered_at IS NULL;
