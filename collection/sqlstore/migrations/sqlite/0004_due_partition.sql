-- 0004: the due index carries the partition key, so that a worker reading its
-- partition's due cases (Store.Partition: a range of keys) skips the other
-- partitions' rows in the index, without reading them from the table.
CREATE INDEX dunning_cases_due_part ON dunning_cases (next_due, id, part);
DROP INDEX dunning_cases_due;
