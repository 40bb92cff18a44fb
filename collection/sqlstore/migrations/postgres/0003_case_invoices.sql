-- 0003: the invoices each running case holds, one case per (creditor, invoice)
-- (collection.InvoiceGuard). A case holds an invoice when its status is active
-- or paused and its claim for the invoice is open; Save keeps the rows in the
-- case's transaction, and the primary key refuses a second holder (a
-- concurrent Save of another holder waits for the first and then finds it).
CREATE TABLE dunning_case_invoices (
    creditor_id TEXT NOT NULL,
    invoice_id  TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES dunning_cases (id),
    PRIMARY KEY (creditor_id, invoice_id)
);
CREATE INDEX dunning_case_invoices_case ON dunning_case_invoices (case_id);
-- The existing cases. Where two running cases already hold one invoice (the
-- race this table closes), the case with the smallest id is the holder; a Save
-- that keeps the other one holding it is refused until a person closes or
-- deactivates one of them.
INSERT INTO dunning_case_invoices (creditor_id, invoice_id, case_id)
SELECT c.creditor_id, cl->>'invoiceId', MIN(c.id)
FROM dunning_cases c CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(c.doc->'claims') = 'array' THEN c.doc->'claims' ELSE '[]'::jsonb END) cl
WHERE c.status IN ('active', 'paused') AND cl->>'status' = 'open'
GROUP BY c.creditor_id, cl->>'invoiceId';
