// Package store is the run store of "removalsim serve": uploaded
// scenarios, finished runs keyed by their manifest hash, and background
// jobs, in one SQLite file.
//
// It uses modernc.org/sqlite (pure Go, no cgo). The pragmas are in the
// DSN so that every pooled connection has them: a pragma sent with Exec
// would reach one connection only. The journal is a write-ahead log with
// synchronous=NORMAL, so a process killed at any moment (kill -9) loses
// at most the transaction it was in and never corrupts the file; on
// Open, jobs left queued or running by such a process are marked
// interrupted.
//
// The schema is versioned by PRAGMA user_version and migrated forward
// from the embedded migrations/NNN_*.sql files, each in one transaction.
//
// The store holds aggregate scenario parameters and results only; it
// never receives data about real people (the server validates every
// upload with package scenario before it gets here).
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when a scenario, run or job does not exist.
var ErrNotFound = errors.New("not found")

// Store is an open run store. Its methods are safe for concurrent use.
type Store struct {
	db *sql.DB
	// Interrupted is the number of jobs Open found queued or running and
	// marked interrupted.
	Interrupted int
}

// DSN returns the data source name opening path with the store's
// pragmas: a 5 s busy timeout, WAL journal, NORMAL sync (durable against
// a process crash) and foreign keys.
func DSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens (creating if needed) the store at path, migrates it to the
// latest schema and marks jobs left queued or running as interrupted.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	res, err := db.ExecContext(ctx, `UPDATE jobs SET state = 'interrupted', finished = ?,
		error = 'the server stopped while the job was ' || state WHERE state IN ('queued', 'running')`, now())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: marking interrupted jobs: %w", path, err)
	}
	n, _ := res.RowsAffected()
	s.Interrupted = int(n)
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// SchemaVersion returns the schema's version (PRAGMA user_version).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// Migrations returns the number of embedded migrations, the version a
// migrated store reports.
func Migrations() int {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	return len(names)
}

// migrate applies, in order, each embedded migration numbered above the
// database's user_version, each in its own transaction with the version
// bump, so a crash leaves the schema at one version or the next.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(names) {
		return fmt.Errorf("schema version %d is newer than this binary's %d", current, len(names))
	}
	for i, name := range names {
		version := i + 1
		base := strings.TrimPrefix(name, "migrations/")
		if n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0]); err != nil || n != version {
			return fmt.Errorf("migration %s: want number %03d", base, version)
		}
		if version <= current {
			continue
		}
		src, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(src)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns an error
// listing what it found unless the answer is "ok".
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		found = append(found, line)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(found) == 1 && found[0] == "ok" {
		return nil
	}
	return fmt.Errorf("store: integrity_check: %s", strings.Join(found, "; "))
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// Scenario is an uploaded scenario file.
type Scenario struct {
	// ID is the sha256 of Source, hex.
	ID      string `json:"id"`
	Name    string `json:"name"`
	Source  []byte `json:"-"`
	Created string `json:"created"`
}

// PutScenario stores an uploaded scenario under its id; storing the same
// bytes twice keeps the first.
func (s *Store) PutScenario(ctx context.Context, sc Scenario) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO scenarios (id, name, source, created) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, sc.ID, sc.Name, sc.Source, now())
	return err
}

// Scenario returns the uploaded scenario with the id, or ErrNotFound.
func (s *Store) Scenario(ctx context.Context, id string) (*Scenario, error) {
	sc := &Scenario{}
	err := s.db.QueryRowContext(ctx, "SELECT id, name, source, created FROM scenarios WHERE id = ?", id).
		Scan(&sc.ID, &sc.Name, &sc.Source, &sc.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return sc, err
}

// Scenarios lists the uploaded scenarios, newest first, without their
// sources.
func (s *Store) Scenarios(ctx context.Context, limit int) ([]Scenario, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, created FROM scenarios ORDER BY created DESC, id LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Scenario{}
	for rows.Next() {
		var sc Scenario
		if err := rows.Scan(&sc.ID, &sc.Name, &sc.Created); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// Run is a finished run: what was run (its manifest) and its result.
type Run struct {
	// Hash is the manifest's hash, the run's permanent identity.
	Hash     string `json:"hash"`
	Kind     string `json:"kind"`
	Manifest []byte `json:"-"`
	Result   []byte `json:"-"`
	Created  string `json:"created"`
}

// PutRun stores a run; a run with the same hash is kept as it is, since
// the same manifest gives the same result.
func (s *Store) PutRun(ctx context.Context, r Run) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO runs (hash, kind, manifest, result, created) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING`, r.Hash, r.Kind, r.Manifest, r.Result, now())
	return err
}

// Run returns the run with the hash, or ErrNotFound.
func (s *Store) Run(ctx context.Context, hash string) (*Run, error) {
	r := &Run{}
	err := s.db.QueryRowContext(ctx, "SELECT hash, kind, manifest, result, created FROM runs WHERE hash = ?", hash).
		Scan(&r.Hash, &r.Kind, &r.Manifest, &r.Result, &r.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return r, err
}

// Runs lists stored runs, newest first, without manifests and results.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT hash, kind, created FROM runs ORDER BY created DESC, hash LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Run{}
	for rows.Next() {
		var r Run
		if err := rows.Scan(&r.Hash, &r.Kind, &r.Created); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Job states.
const (
	Queued      = "queued"
	Running     = "running"
	Done        = "done"
	Failed      = "failed"
	Cancelled   = "cancelled"
	Interrupted = "interrupted"
)

// Job is a background job.
type Job struct {
	ID       int64  `json:"id"`
	Kind     string `json:"kind"`
	Manifest []byte `json:"-"`
	State    string `json:"state"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	// Run is the hash of the finished run, when State is done.
	Run      string `json:"run,omitempty"`
	Error    string `json:"error,omitempty"`
	Created  string `json:"created"`
	Started  string `json:"started,omitempty"`
	Finished string `json:"finished,omitempty"`
}

// CreateJob records a queued job and returns its id.
func (s *Store) CreateJob(ctx context.Context, kind string, manifest []byte) (int64, error) {
	res, err := s.db.ExecContext(ctx, "INSERT INTO jobs (kind, manifest, state, created) VALUES (?, ?, 'queued', ?)", kind, manifest, now())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// StartJob marks a queued job running.
func (s *Store) StartJob(ctx context.Context, id int64) error {
	return s.exec1(ctx, "UPDATE jobs SET state = 'running', started = ? WHERE id = ? AND state = 'queued'", now(), id)
}

// Progress records that done of total units of a running job are done.
func (s *Store) Progress(ctx context.Context, id int64, done, total int) error {
	_, err := s.db.ExecContext(ctx, "UPDATE jobs SET done = ?, total = ? WHERE id = ? AND state = 'running'", done, total, id)
	return err
}

// FinishJob stores the job's run and marks the job done, in one
// transaction, so a crash leaves either both or neither.
func (s *Store) FinishJob(ctx context.Context, id int64, r Run) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO runs (hash, kind, manifest, result, created) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING`, r.Hash, r.Kind, r.Manifest, r.Result, now()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE jobs SET state = 'done', done = total, run = ?, finished = ? WHERE id = ?", r.Hash, now(), id); err != nil {
		return err
	}
	return tx.Commit()
}

// EndJob marks a job failed, cancelled or interrupted with a message.
func (s *Store) EndJob(ctx context.Context, id int64, state, msg string) error {
	switch state {
	case Failed, Cancelled, Interrupted:
	default:
		return fmt.Errorf("store: EndJob: state %q is not an end state", state)
	}
	return s.exec1(ctx, "UPDATE jobs SET state = ?, error = ?, finished = ? WHERE id = ? AND state IN ('queued', 'running')", state, msg, now(), id)
}

// Job returns the job with the id, or ErrNotFound.
func (s *Store) Job(ctx context.Context, id int64) (*Job, error) {
	rows, err := s.db.QueryContext(ctx, jobColumns+" WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	jobs, err := scanJobs(rows)
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, ErrNotFound
	}
	return &jobs[0], nil
}

// Jobs lists jobs, newest first.
func (s *Store) Jobs(ctx context.Context, limit int) ([]Job, error) {
	rows, err := s.db.QueryContext(ctx, jobColumns+" ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	return scanJobs(rows)
}

const jobColumns = "SELECT id, kind, manifest, state, done, total, coalesce(run, ''), error, created, started, finished FROM jobs"

func scanJobs(rows *sql.Rows) ([]Job, error) {
	defer rows.Close()
	out := []Job{}
	for rows.Next() {
		var j Job
		if err := rows.Scan(&j.ID, &j.Kind, &j.Manifest, &j.State, &j.Done, &j.Total, &j.Run, &j.Error, &j.Created, &j.Started, &j.Finished); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// exec1 runs a statement that must change exactly one row.
func (s *Store) exec1(ctx context.Context, query string, args ...any) error {
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNotFound
	}
	return nil
}
