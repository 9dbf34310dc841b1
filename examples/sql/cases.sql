-- The case tables for the PostgreSQL variant of the case workflows (docs/cases.md).
-- Same table and column names as the n8n Data Tables variant; run once with
--   psql "$DATABASE_URL" -f examples/sql/cases.sql
-- Only kyc_customers holds a name (re-screening needs it). kyc_cases and kyc_audit never hold an
-- ID number, a name or an image.

CREATE TABLE IF NOT EXISTS kyc_customers (
	applicant_ref text PRIMARY KEY,
	given_name text,
	surname text
);

CREATE TABLE IF NOT EXISTS kyc_cases (
	applicant_ref text PRIMARY KEY,
	status text NOT NULL,           -- approved | referred | declined (now)
	decision text NOT NULL,         -- approved | referred | declined (the automatic decision)
	reasons text,
	vendors text,                   -- comma-separated
	reviewer text,
	reviewed_at timestamptz,
	review_decision text,           -- approved | declined
	iluma_reference text,
	argos_submission_id text,
	callback_status text,
	known_match_ids text,           -- comma-separated CFT pids
	last_screened_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS kyc_cases_iluma_reference ON kyc_cases (iluma_reference);
CREATE INDEX IF NOT EXISTS kyc_cases_argos_submission_id ON kyc_cases (argos_submission_id);

-- One row per audit record (one per vendor attempt; docs/every-node.md "Audit Record").
CREATE TABLE IF NOT EXISTS kyc_audit (
	applicant_ref text,
	vendor text NOT NULL,
	product text NOT NULL,
	operation text NOT NULL,
	outcome text NOT NULL,          -- success | failed
	billed text NOT NULL,           -- 'true' | 'false' | 'maybe'
	billed_reason text,
	vendor_reference text,
	started_at timestamptz NOT NULL,
	duration_ms integer,
	calls integer,
	execution_id text,
	workflow_id text,
	node text,
	item_index integer
);
CREATE INDEX IF NOT EXISTS kyc_audit_applicant_ref ON kyc_audit (applicant_ref);
CREATE INDEX IF NOT EXISTS kyc_audit_started_at ON kyc_audit (started_at);

CREATE TABLE IF NOT EXISTS kyc_callback_errors (
	vendor text,
	event text,
	vendor_reference text,
	received_at timestamptz,
	reason text
);

-- Shipped empty: fill one row per vendor and product you pay for (docs/cases.md "Cost report").
CREATE TABLE IF NOT EXISTS kyc_prices (
	vendor text NOT NULL,
	product text NOT NULL,
	currency text NOT NULL,
	unit_price numeric NOT NULL,
	PRIMARY KEY (vendor, product)
);
