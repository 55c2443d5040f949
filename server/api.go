package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/removalsim/removalsim/htmlreport"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/store"
	"github.com/removalsim/removalsim/tidy"
)

// run answers POST /api/run: a flow run, answered at once with the
// result JSON of "removalsim run --format json". An agent run is a job
// (POST /api/jobs with kind run). With save, the run is stored and the
// X-Run-Hash and Location headers give its permanent link.
func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	var q RunRequest
	if err := decode(r, &q); err != nil {
		s.fail(w, r, err)
		return
	}
	raw, _ := json.Marshal(q)
	s.syncTask(w, r, "run", raw, q.Save)
}

// compare answers POST /api/compare: two settings on the flow engine,
// answered at once with the JSON of "removalsim compare --format json".
// On the agent engine it is a job.
func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	var q CompareRequest
	if err := decode(r, &q); err != nil {
		s.fail(w, r, err)
		return
	}
	raw, _ := json.Marshal(q)
	s.syncTask(w, r, "compare", raw, false)
}

// syncTask prepares and runs a quick task inline, within a bounded
// number of computations at once.
func (s *Server) syncTask(w http.ResponseWriter, r *http.Request, kind string, raw json.RawMessage, save bool) {
	t, err := s.prepare(r.Context(), kind, raw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !t.sync {
		s.fail(w, r, badRequest("this request runs as a job (the agent engine, or bottlenecks over more than %d months): POST /api/jobs with {\"kind\": %q, \"request\": ...}", maxSyncBottleneckMonths, kind))
		return
	}
	free, err := s.slot(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var out []byte
	if t.compact != nil && !save {
		out, err = t.compact()
	} else {
		out, err = t.run(r.Context(), func(int, int) {})
	}
	free()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if save {
		hash, manifest := t.manifest.hash()
		if err := s.cfg.Store.PutRun(r.Context(), store.Run{Hash: hash, Kind: kind, Manifest: manifest, Result: out}); err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("X-Run-Hash", hash)
		w.Header().Set("Location", "/runs/"+hash)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(out)
}

// runOf finds the stored run named by the path's hash.
func (s *Server) runOf(r *http.Request) (*store.Run, error) {
	hash := r.PathValue("hash")
	if !isUploadID(hash) {
		return nil, badRequest("run hash %q: want 64 lower-case hex digits", hash)
	}
	run, err := s.cfg.Store.Run(r.Context(), hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no run %s", hash)
	}
	return run, err
}

// listRuns answers GET /api/runs: the latest 100 stored runs.
func (s *Server) listRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := s.cfg.Store.Runs(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Runs []store.Run `json:"runs"`
	}{runs})
}

// getRun answers GET /api/runs/{hash}: the run's manifest and links to
// its downloads.
func (s *Server) getRun(w http.ResponseWriter, r *http.Request) {
	run, err := s.runOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	links := map[string]string{"page": "/runs/" + run.Hash, "json": "/api/runs/" + run.Hash + "/result.json",
		"report": "/api/runs/" + run.Hash + "/report.html", "rerun": "/api/runs/" + run.Hash + "/rerun"}
	if run.Kind == "run" {
		links["csv"] = "/api/runs/" + run.Hash + "/result.csv"
		links["parquet"] = "/api/runs/" + run.Hash + "/result.parquet"
	}
	writeJSON(w, http.StatusOK, struct {
		*store.Run
		Manifest json.RawMessage   `json:"manifest"`
		Links    map[string]string `json:"links"`
	}{run, run.Manifest, links})
}

// downloadRun answers GET /api/runs/{hash}/{file}: result.json, the
// one-file HTML report (report.html, as "removalsim report" writes it),
// or for a run the tidy table as result.csv or result.parquet (with the
// manifest in the file's metadata).
func (s *Server) downloadRun(w http.ResponseWriter, r *http.Request) {
	run, err := s.runOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := "removalsim-" + run.Hash[:12]
	if r.PathValue("file") == "report.html" {
		var buf bytes.Buffer
		if err := writeReport(&buf, run); err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.html"`)
		w.Write(buf.Bytes())
		return
	}
	format, ok := strings.CutPrefix(r.PathValue("file"), "result.")
	if !ok {
		s.fail(w, r, notFound("%s: unknown file; want result.json, result.csv, result.parquet or report.html", r.PathValue("file")))
		return
	}
	if format == "json" {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
		w.Write(run.Result)
		return
	}
	if format != "csv" && format != "parquet" {
		s.fail(w, r, notFound("result.%s: unknown format; want json, csv or parquet", format))
		return
	}
	if run.Kind != "run" {
		s.fail(w, r, notFound("result.%s: a %s has no tidy table here; use result.json", format, run.Kind))
		return
	}
	rows, err := tidyRows(run.Result)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		err = tidy.WriteCSV(&buf, rows)
	} else {
		w.Header().Set("Content-Type", "application/vnd.apache.parquet")
		err = tidy.WriteParquet(&buf, rows, map[string]string{"removalsim.manifest": string(run.Manifest)})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+format+`"`)
	w.Write(buf.Bytes())
}

// rerun answers POST /api/runs/{hash}/rerun: the run's manifest is run
// again, as a job (or at once for a flow run). A scenario whose content
// changed since is refused (409): the run would not be the same.
func (s *Server) rerun(w http.ResponseWriter, r *http.Request) {
	run, err := s.runOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var m Manifest
	if err := json.Unmarshal(run.Manifest, &m); err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.prepare(r.Context(), m.Kind, m.Request)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i, ref := range t.manifest.Scenarios {
		if i >= len(m.Scenarios) || m.Scenarios[i].Digest != ref.Digest {
			s.fail(w, r, &httpError{status: http.StatusConflict, msg: "scenario " + ref.ID + " changed since the run: its digest differs, so a re-run would not be the same run"})
			return
		}
	}
	s.startJob(w, r, t)
}

// writeReport writes a stored run as the command line's HTML report: one
// section of the run's kind, and for a run its parameters with their
// sources. The procedure diagram needs the compiled scenario, which the
// store does not keep; the page says so.
func writeReport(w *bytes.Buffer, run *store.Run) error {
	kind, err := htmlreport.Detect(run.Result)
	if err != nil {
		return err
	}
	rep := &htmlreport.Report{
		Title: htmlreport.Title(kind, run.Result, "Stored "+run.Kind),
		Sections: []htmlreport.Section{{ID: "s1", Kind: kind,
			Name: htmlreport.Title(kind, run.Result, run.Kind), Data: run.Result}},
		Notes: []string{"Downloaded from the dashboard's run store (run " + run.Hash[:12] +
			"); the procedure diagram is drawn by \"removalsim report\" from a scenario file."},
	}
	if kind == "run" {
		var res result.Result
		if err := json.Unmarshal(run.Result, &res); err != nil {
			return err
		}
		rep.Params, rep.ParamsOf = htmlreport.Params(res.Sources), res.Scenario
	}
	return htmlreport.Write(w, rep)
}
