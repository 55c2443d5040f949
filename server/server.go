// Package server is "removalsim serve": the dashboard's pages, a JSON API
// with the command line's JSON contract (run, compare, plan,
// sensitivity, jobs, scenarios), background jobs with progress and
// cancel on a bounded queue, and a run store (package store) that gives
// every finished run a permanent link by its manifest hash.
//
// The domain is called through its packages (scenario, model, flow,
// agent, compare, plan, sensitivity, report); this package only decodes
// requests, applies the dashboard's levers and encodes answers.
//
// Safety: without a token it answers only requests addressed to a
// loopback name (no DNS rebinding); the pages and every script are embedded (no network at view
// time; a Content-Security-Policy without inline script); request
// bodies, synchronous work and the job queue are bounded; uploads are
// validated by package scenario (aggregate parameters only: unknown
// keys are rejected, with positions) and kept in the store, never on
// disk; no request path reaches the file system. A token, when set, is
// required on every request (the command requires one to listen beyond
// loopback).
package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/removalsim/removalsim/store"
)

// Config sets up a Server. Zero values take the defaults in brackets.
type Config struct {
	// Store keeps uploads, runs and jobs; required.
	Store *store.Store
	// Token, when not empty, must accompany every request: as
	// "Authorization: Bearer TOKEN", or the cookie set by opening any
	// page with ?token=TOKEN once.
	Token string
	// MaxBody bounds request bodies, uploads included [1 MiB].
	MaxBody int64
	// Timeout bounds the wait for a synchronous computation slot [10 s].
	Timeout time.Duration
	// MaxJobs bounds the jobs queued or running at once [8]; more are
	// refused with 429.
	MaxJobs int
	// JobWorkers is the number of jobs run at once [1].
	JobWorkers int
	// MaxRuns bounds the replications of one agent job [100].
	MaxRuns int
	// Logger receives one line per job and per failure [discard].
	Logger *slog.Logger
}

// Server serves the dashboard. Create it with New; Close stops its jobs.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	handler http.Handler
	jobs    *jobQueue
	cat     *catalogue
	// compute bounds the synchronous computations run at once.
	compute chan struct{}
}

// New returns a Server for cfg and starts its job workers.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxJobs <= 0 {
		cfg.MaxJobs = 8
	}
	if cfg.JobWorkers <= 0 {
		cfg.JobWorkers = 1
	}
	if cfg.MaxRuns <= 0 {
		cfg.MaxRuns = 100
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cat, err := newCatalogue()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), cat: cat,
		compute: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	s.jobs = newJobQueue(s, cfg.MaxJobs, cfg.JobWorkers)
	for _, r := range s.routes() {
		s.mux.HandleFunc(r.Method+" "+r.Pattern, r.handle)
	}
	s.handler = s.secure(s.mux)
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close cancels the running jobs, records them as interrupted and stops
// the workers.
func (s *Server) Close() { s.jobs.close() }

// route is one endpoint; the OpenAPI document lists exactly these (a
// test checks it).
type route struct {
	Method, Pattern string
	handle          http.HandlerFunc
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/{$}", s.page("index.html")},
		{"GET", "/runs/{hash}", s.page("run.html")},
		{"GET", "/assets/{file}", s.asset},
		{"GET", "/api/openapi.json", s.openAPI},
		{"GET", "/api/scenarios", s.listScenarios},
		{"POST", "/api/scenarios", s.uploadScenario},
		{"GET", "/api/scenarios/{id}", s.getScenario},
		{"POST", "/api/run", s.run},
		{"POST", "/api/compare", s.compare},
		{"POST", "/api/plan", s.submitKind("plan")},
		{"POST", "/api/sensitivity", s.submitKind("sensitivity")},
		{"POST", "/api/jobs", s.submitJob},
		{"GET", "/api/jobs", s.listJobs},
		{"GET", "/api/jobs/{id}", s.getJob},
		{"POST", "/api/jobs/{id}/cancel", s.cancelJob},
		{"GET", "/api/runs", s.listRuns},
		{"GET", "/api/runs/{hash}", s.getRun},
		{"GET", "/api/runs/{hash}/{file}", s.downloadRun},
		{"POST", "/api/runs/{hash}/rerun", s.rerun},
	}
}

// csp allows scripts, styles, images and requests from the server itself
// only. Styles may be inline because the chart library sets element
// styles; scripts may not.
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// tokenCookie carries the token for pages, which cannot set headers.
const tokenCookie = "removalsim_token"

// secure adds the security headers, checks the token and the origin of
// state-changing requests, and bounds request bodies.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.cfg.Token == "" && !loopbackHost(r.Host) {
			writeError(w, http.StatusForbidden, "host "+r.Host+" refused: without a token the server answers requests addressed to localhost or a loopback address only")
			return
		}
		if s.cfg.Token != "" && !s.tokenOK(w, r) {
			writeError(w, http.StatusUnauthorized, "missing or wrong token: send Authorization: Bearer TOKEN, or open the page once with ?token=TOKEN")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !sameOrigin(r) {
			writeError(w, http.StatusForbidden, "cross-origin request refused: Origin "+r.Header.Get("Origin")+" is not this server")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		next.ServeHTTP(w, r)
	})
}

// tokenOK reports whether r carries the token; a page opened with
// ?token= gets it as a cookie for later requests.
func (s *Server) tokenOK(w http.ResponseWriter, r *http.Request) bool {
	want := []byte(s.cfg.Token)
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return subtle.ConstantTimeCompare([]byte(auth), want) == 1
	}
	if c, err := r.Cookie(tokenCookie); err == nil {
		return subtle.ConstantTimeCompare([]byte(c.Value), want) == 1
	}
	if q := r.URL.Query().Get("token"); q != "" && subtle.ConstantTimeCompare([]byte(q), want) == 1 {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.cfg.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		return true
	}
	return false
}

// loopbackHost reports whether a request's Host names this machine by a
// loopback name. Without a token the server answers only those: a page
// elsewhere cannot reach it through a name it controls that resolves to
// 127.0.0.1 (DNS rebinding).
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin reports whether a request's Origin, when it has one, is the
// host it was sent to: a page elsewhere cannot drive the API through the
// browser of someone running the server.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// apiError is the body of every error answer.
type apiError struct {
	// Error says what is wrong with the request, naming the field.
	Error string `json:"error"`
	// Problems lists a scenario's errors with their positions.
	Problems []problem `json:"problems,omitempty"`
}

// problem is one scenario error at file:line:col.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Path    string `json:"path,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// httpError is an error with the status it answers with.
type httpError struct {
	status   int
	msg      string
	problems []problem
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &httpError{status: http.StatusNotFound, msg: fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// fail answers with err: its status when it is an httpError, 413 when a
// body was too large, 500 otherwise (logged, and not detailed to the
// client beyond its message).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		writeJSON(w, he.status, apiError{Error: he.msg, Problems: he.problems})
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over the limit of %d bytes", mbe.Limit))
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "the server is busy: no computation slot within "+s.cfg.Timeout.String()+"; try again")
	default:
		s.cfg.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// decode reads a JSON body into v strictly: unknown fields, trailing
// data and a body over the limit are errors naming the problem.
func decode(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return &httpError{status: http.StatusUnsupportedMediaType, msg: "Content-Type " + ct + " is not application/json"}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("malformed JSON body: %s", jsonErr(err))
	}
	if dec.More() {
		return badRequest("malformed JSON body: data after the first value")
	}
	return nil
}

// jsonErr words a decoding error with the offset or field it concerns.
func jsonErr(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q: want %s, got %s", te.Field, te.Type, te.Value)
	case errors.Is(err, context.Canceled):
		return "request cancelled"
	}
	if err.Error() == "EOF" {
		return "empty body; want a JSON object"
	}
	return err.Error()
}

// slot waits for a synchronous computation slot, up to the timeout; the
// returned function frees it.
func (s *Server) slot(ctx context.Context) (func(), error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	select {
	case s.compute <- struct{}{}:
		return func() { <-s.compute }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
