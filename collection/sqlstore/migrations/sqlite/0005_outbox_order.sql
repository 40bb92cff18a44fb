-- 0005: on PostgreSQL, outbox positions follow the writing transaction's id,
-- so that writers insert letters without an advisory lock. SQLite needs no
-- change: its writers commit one at a time (BEGIN IMMEDIATE), so the outbox's
-- positions become visible in their order. This statement only keeps the
-- migrations of the two dialects in step.
SELECT 1;
