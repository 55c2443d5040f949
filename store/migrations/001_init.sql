-- The first schema of the run store. Scenarios are uploaded scenario
-- files (aggregate parameters only, validated before they get here);
-- runs are finished results keyed by their manifest hash; jobs are
-- background work and its state.
CREATE TABLE scenarios (
	id      TEXT PRIMARY KEY,          -- sha256 of the file's bytes, hex
	name    TEXT NOT NULL,             -- the scenario's name: field
	source  BLOB NOT NULL,             -- the YAML as uploaded
	created TEXT NOT NULL              -- RFC 3339, UTC
) STRICT;

CREATE TABLE runs (
	hash     TEXT PRIMARY KEY,         -- manifest hash, hex
	kind     TEXT NOT NULL,            -- run, compare, plan, sensitivity
	manifest BLOB NOT NULL,            -- canonical JSON of what was run
	result   BLOB NOT NULL,            -- the result JSON (the CLI's contract)
	created  TEXT NOT NULL
) STRICT;

CREATE TABLE jobs (
	id       INTEGER PRIMARY KEY,
	kind     TEXT NOT NULL,
	manifest BLOB NOT NULL,
	state    TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
	done     INTEGER NOT NULL DEFAULT 0,
	total    INTEGER NOT NULL DEFAULT 0,
	run      TEXT REFERENCES runs(hash),
	error    TEXT NOT NULL DEFAULT '',
	created  TEXT NOT NULL,
	started  TEXT NOT NULL DEFAULT '',
	finished TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX jobs_state ON jobs(state);
