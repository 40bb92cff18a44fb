-- 0001: cases, their invoices and payment ids, the audit log and the outbox.
-- Dates are ISO text (YYYY-MM-DD sorts as a date); documents are JSON text.
CREATE TABLE dunning_cases (
    id          TEXT    NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL,
    creditor_id TEXT    NOT NULL,
    debtor_id   TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    next_due    TEXT,
    part        INTEGER NOT NULL,
    doc         TEXT    NOT NULL
);
CREATE INDEX dunning_cases_due ON dunning_cases (next_due, id);
CREATE INDEX dunning_cases_creditor ON dunning_cases (creditor_id, id);
CREATE INDEX dunning_cases_debtor ON dunning_cases (debtor_id, id);
CREATE INDEX dunning_cases_status ON dunning_cases (status, id);

CREATE TABLE dunning_claims (
    invoice_id TEXT NOT NULL,
    case_id    TEXT NOT NULL REFERENCES dunning_cases (id),
    PRIMARY KEY (invoice_id, case_id)
);
CREATE INDEX dunning_claims_case ON dunning_claims (case_id);

CREATE TABLE dunning_payments (
    case_id    TEXT NOT NULL REFERENCES dunning_cases (id),
    payment_id TEXT NOT NULL,
    PRIMARY KEY (case_id, payment_id)
);

CREATE TABLE dunning_events (
    pos     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    case_id TEXT    NOT NULL REFERENCES dunning_cases (id),
    seq     INTEGER NOT NULL,
    type    TEXT    NOT NULL,
    doc     TEXT    NOT NULL
);
CREATE INDEX dunning_events_case ON dunning_events (case_id, pos);

CREATE TABLE dunning_outbox (
    pos        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    message_id TEXT    NOT NULL UNIQUE,
    case_id    TEXT    NOT NULL REFERENCES dunning_cases (id),
    seq        INTEGER NOT NULL,
    doc        TEXT    NOT NULL
);
