package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/privacy"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/store"
)

// uploadName is the name an upload has while it is parsed, at the root
// of the shipped scenarios so that it may extend one of them
// ("extends: baseline-2025.yaml"). Errors point into it by this name.
const uploadName = "upload.yaml"

// catalogue holds the shipped scenarios, parsed once, and a cache of
// parsed uploads.
type catalogue struct {
	shipped map[string]*entry
	order   []string
	mu      sync.Mutex
	uploads map[string]*entry
}

// entry is a parsed scenario; its Scenario is never changed (requests
// work on a clone).
type entry struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Shipped  bool   `json:"shipped"`
	Path     string `json:"path,omitempty"`
	Desc     string `json:"description,omitempty"`
	Start    string `json:"start"`
	Months   int    `json:"months"`
	scenario *scenario.Scenario
	// digest is the sha256 of the parsed scenario: what a manifest pins.
	digest string
	// input names the scenario in a run's manifest as the command line
	// would: "builtin:NAME" for a shipped one, "upload:ID" for an upload.
	input string
}

func newCatalogue() (*catalogue, error) {
	c := &catalogue{shipped: map[string]*entry{}, uploads: map[string]*entry{}}
	err := fs.WalkDir(scenarios.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		s, err := scenario.Load(scenarios.FS, p)
		if err != nil {
			return fmt.Errorf("server: shipped scenario %s: %w", p, err)
		}
		id := strings.TrimSuffix(path.Base(p), ".yaml")
		if _, dup := c.shipped[id]; dup {
			return fmt.Errorf("server: two shipped scenarios named %s", id)
		}
		c.shipped[id] = newEntry(id, p, s)
		c.order = append(c.order, id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(c.order)
	return c, nil
}

func newEntry(id, p string, s *scenario.Scenario) *entry {
	e := &entry{ID: id, Name: s.Name, Shipped: p != "", Path: p, Desc: s.Description,
		Start: s.Start.String(), Months: s.Months, scenario: s, digest: digestOf(s), input: "upload:" + id}
	if e.Shipped {
		e.input = "builtin:" + strings.TrimSuffix(p, ".yaml")
	}
	return e
}

// digestOf is the scenario's hash as manifests give it
// (manifest.ScenarioHash): every value and source, so that a manifest
// names exactly what ran, whichever files it came from.
func digestOf(s *scenario.Scenario) string {
	h, err := manifest.ScenarioHash(s)
	if err != nil {
		// A parsed scenario holds only marshalable values.
		panic(err)
	}
	return h
}

// parseUpload parses src as a scenario that may extend a shipped one.
func parseUpload(src []byte) (*scenario.Scenario, error) {
	fsys := fstest.MapFS{uploadName: {Data: src}}
	err := fs.WalkDir(scenarios.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(scenarios.FS, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		return nil, err
	}
	return scenario.Load(fsys, uploadName)
}

// scenarioError turns a scenario's error list into a 400 answer listing
// each problem with its position.
func scenarioError(err error) error {
	var list scenario.ErrorList
	if !errors.As(err, &list) {
		return badRequest("scenario: %v", err)
	}
	he := &httpError{status: http.StatusBadRequest}
	for _, e := range list {
		he.problems = append(he.problems, problem{File: e.File, Line: e.Line, Col: e.Col, Path: e.Path, Code: e.Code.String(), Message: e.Msg})
	}
	n := "1 error"
	if len(list) > 1 {
		n = fmt.Sprintf("%d errors", len(list))
	}
	he.msg = fmt.Sprintf("scenario has %s; first: %s", n, list[0].Error())
	return he
}

// personalDataError refuses an upload whose free text (name, sources,
// notes) holds something shaped like an identifier of a person: the
// store keeps uploads, and removalsim stores nothing about real people.
func personalDataError(src []byte) error {
	found := privacy.Find(src)
	if len(found) == 0 {
		return nil
	}
	he := &httpError{status: http.StatusBadRequest}
	for _, f := range found {
		he.problems = append(he.problems, problem{File: uploadName, Line: f.Line, Col: f.Col, Code: "personal_data",
			Message: "looks like " + f.Kind + "; scenarios hold aggregate figures only, and the dashboard stores nothing about a person"})
	}
	he.msg = fmt.Sprintf("%s:%d:%d: looks like %s; remove it (scenarios hold aggregate figures only)", uploadName, found[0].Line, found[0].Col, found[0].Kind)
	return he
}

// isUploadID reports whether id has the form of an upload's id (64 hex
// digits), so that no other string reaches the store.
func isUploadID(id string) bool {
	if len(id) != 64 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil && strings.ToLower(id) == id
}

// get returns the scenario with the id: shipped by name, uploaded by
// its sha256.
func (c *catalogue) get(ctx context.Context, st *store.Store, id string) (*entry, error) {
	if e, ok := c.shipped[id]; ok {
		return e, nil
	}
	if !isUploadID(id) {
		return nil, notFound("unknown scenario %q: want a shipped name (GET /api/scenarios) or an upload's id", id)
	}
	c.mu.Lock()
	e, ok := c.uploads[id]
	c.mu.Unlock()
	if ok {
		return e, nil
	}
	up, err := st.Scenario(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("unknown scenario %q: no upload has this id", id)
	}
	if err != nil {
		return nil, err
	}
	s, err := parseUpload(up.Source)
	if err != nil {
		return nil, fmt.Errorf("stored upload %s no longer parses: %w", id, err)
	}
	e = newEntry(id, "", s)
	c.mu.Lock()
	if len(c.uploads) >= 256 {
		clear(c.uploads)
	}
	c.uploads[id] = e
	c.mu.Unlock()
	return e, nil
}

// listScenarios answers GET /api/scenarios: the shipped scenarios and
// the uploads.
func (s *Server) listScenarios(w http.ResponseWriter, r *http.Request) {
	out := struct {
		Shipped  []*entry         `json:"shipped"`
		Uploaded []store.Scenario `json:"uploaded"`
	}{}
	for _, id := range s.cat.order {
		out.Shipped = append(out.Shipped, s.cat.shipped[id])
	}
	up, err := s.cfg.Store.Scenarios(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out.Uploaded = up
	writeJSON(w, http.StatusOK, out)
}

// getScenario answers GET /api/scenarios/{id}: the scenario's summary
// and its levers and switches with their values.
func (s *Server) getScenario(w http.ResponseWriter, r *http.Request) {
	e, err := s.cat.get(r.Context(), s.cfg.Store, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	levers, switches := leversOf(e.scenario)
	writeJSON(w, http.StatusOK, struct {
		*entry
		Levers   []Lever  `json:"levers"`
		Switches []Switch `json:"switches"`
	}{e, levers, switches})
}

// uploadScenario answers POST /api/scenarios: the body is a scenario
// file (YAML). It is parsed and validated like a file given to the
// command line; one with errors is refused with every error's position,
// a valid one is kept in the store under the sha256 of its bytes.
func (s *Server) uploadScenario(w http.ResponseWriter, r *http.Request) {
	src, err := io.ReadAll(r.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(bytes.TrimSpace(src)) == 0 {
		s.fail(w, r, badRequest("empty upload: the body must be a scenario file (YAML)"))
		return
	}
	sc, err := parseUpload(src)
	if err != nil {
		s.fail(w, r, scenarioError(err))
		return
	}
	if err := personalDataError(src); err != nil {
		s.fail(w, r, err)
		return
	}
	sum := sha256.Sum256(src)
	id := hex.EncodeToString(sum[:])
	if err := s.cfg.Store.PutScenario(r.Context(), store.Scenario{ID: id, Name: sc.Name, Source: src}); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/scenarios/"+id)
	writeJSON(w, http.StatusCreated, newEntry(id, "", sc))
}
