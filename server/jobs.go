package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/removalsim/removalsim/store"
)

// jobQueue runs tasks in the background: at most max jobs queued or
// running at once, workers of them running.
type jobQueue struct {
	s *Server
	// slots holds a token per job queued or running; a full channel
	// means the queue is full.
	slots chan struct{}
	queue chan *job
	mu    sync.Mutex
	live  map[int64]*job
	wg    sync.WaitGroup
	stop  context.CancelFunc
	ctx   context.Context
}

type job struct {
	id     int64
	task   *task
	ctx    context.Context
	cancel context.CancelFunc
}

func newJobQueue(s *Server, max, workers int) *jobQueue {
	ctx, stop := context.WithCancel(context.Background())
	q := &jobQueue{s: s, slots: make(chan struct{}, max), queue: make(chan *job, max),
		live: map[int64]*job{}, ctx: ctx, stop: stop}
	for range workers {
		q.wg.Add(1)
		go q.work()
	}
	return q
}

// errQueueFull answers a job submitted to a full queue.
var errQueueFull = &httpError{status: http.StatusTooManyRequests, msg: "job queue full: wait for a job to finish or cancel one"}

// submit records the task as a queued job and queues it.
func (q *jobQueue) submit(ctx context.Context, t *task) (int64, error) {
	select {
	case q.slots <- struct{}{}:
	default:
		return 0, errQueueFull
	}
	_, manifest := t.manifest.hash()
	id, err := q.s.cfg.Store.CreateJob(ctx, t.manifest.Kind, manifest)
	if err != nil {
		<-q.slots
		return 0, err
	}
	jctx, cancel := context.WithCancel(q.ctx)
	j := &job{id: id, task: t, ctx: jctx, cancel: cancel}
	q.mu.Lock()
	q.live[id] = j
	q.mu.Unlock()
	q.queue <- j // never blocks: the queue holds as many as there are slots
	return id, nil
}

// cancel stops job id if it is queued or running here.
func (q *jobQueue) cancel(id int64) bool {
	q.mu.Lock()
	j, ok := q.live[id]
	q.mu.Unlock()
	if ok {
		j.cancel()
	}
	return ok
}

func (q *jobQueue) work() {
	defer q.wg.Done()
	for {
		select {
		case <-q.ctx.Done():
			return
		case j := <-q.queue:
			q.runJob(j)
		}
	}
}

// runJob runs one job and records how it ended. The store's context is
// not the job's, so a cancelled job is still recorded.
func (q *jobQueue) runJob(j *job) {
	defer func() {
		q.mu.Lock()
		delete(q.live, j.id)
		q.mu.Unlock()
		j.cancel()
		<-q.slots
	}()
	st, log := q.s.cfg.Store, q.s.cfg.Logger
	bg := context.Background()
	if j.ctx.Err() != nil {
		q.end(j, store.Cancelled, "cancelled before it started")
		return
	}
	if err := st.StartJob(bg, j.id); err != nil {
		log.Error("job start", "id", j.id, "err", err)
		return
	}
	began := time.Now()
	st.Progress(bg, j.id, 0, j.task.total)
	var last time.Time
	out, err := j.task.run(j.ctx, func(done, total int) {
		// At most ten writes a second: a study reports every evaluation.
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		if err := st.Progress(bg, j.id, done, total); err != nil {
			log.Error("job progress", "id", j.id, "err", err)
		}
	})
	switch {
	case j.ctx.Err() != nil && q.ctx.Err() != nil:
		q.end(j, store.Interrupted, "the server stopped while the job was running")
	case j.ctx.Err() != nil:
		q.end(j, store.Cancelled, "cancelled")
	case err != nil:
		q.end(j, store.Failed, err.Error())
	default:
		hash, manifest := j.task.manifest.hash()
		if err := st.FinishJob(bg, j.id, store.Run{Hash: hash, Kind: j.task.manifest.Kind, Manifest: manifest, Result: out}); err != nil {
			log.Error("job finish", "id", j.id, "err", err)
			q.end(j, store.Failed, "storing the result: "+err.Error())
			return
		}
		log.Info("job done", "id", j.id, "kind", j.task.manifest.Kind, "run", hash, "seconds", time.Since(began).Seconds())
	}
}

func (q *jobQueue) end(j *job, state, msg string) {
	if err := q.s.cfg.Store.EndJob(context.Background(), j.id, state, msg); err != nil && !errors.Is(err, store.ErrNotFound) {
		q.s.cfg.Logger.Error("job end", "id", j.id, "err", err)
	}
}

// close cancels every job, waits for the workers, and marks what was
// queued or running interrupted.
func (q *jobQueue) close() {
	q.stop()
	q.wg.Wait()
	for {
		select {
		case j := <-q.queue:
			q.end(j, store.Interrupted, "the server stopped before the job started")
		default:
			return
		}
	}
}

// jobRequest is the body of POST /api/jobs.
type jobRequest struct {
	// Kind is run, compare, plan or sensitivity.
	Kind string `json:"kind"`
	// Request is the body the kind's endpoint takes.
	Request json.RawMessage `json:"request"`
}

// jobAnswer is a job with the links to follow it.
type jobAnswer struct {
	*store.Job
	// Manifest is what the job runs.
	Manifest json.RawMessage   `json:"manifest"`
	Links    map[string]string `json:"links"`
}

func answerOf(j *store.Job) jobAnswer {
	id := strconv.FormatInt(j.ID, 10)
	a := jobAnswer{Job: j, Manifest: j.Manifest, Links: map[string]string{
		"self": "/api/jobs/" + id, "cancel": "/api/jobs/" + id + "/cancel"}}
	if j.Run != "" {
		a.Links["run"] = "/api/runs/" + j.Run
		a.Links["page"] = "/runs/" + j.Run
		a.Links["result"] = "/api/runs/" + j.Run + "/result.json"
	}
	return a
}

// submitJob answers POST /api/jobs.
func (s *Server) submitJob(w http.ResponseWriter, r *http.Request) {
	var q jobRequest
	if err := decode(r, &q); err != nil {
		s.fail(w, r, err)
		return
	}
	if q.Kind == "" {
		s.fail(w, r, badRequest("kind: required, one of run, compare, plan, sensitivity"))
		return
	}
	if len(q.Request) == 0 {
		s.fail(w, r, badRequest("request: required, the body the kind's endpoint takes"))
		return
	}
	s.enqueue(w, r, q.Kind, q.Request)
}

// submitKind answers POST /api/plan and /api/sensitivity, which always
// run as jobs: the body is the kind's request.
func (s *Server) submitKind(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var raw json.RawMessage
		if err := decode(r, &raw); err != nil {
			s.fail(w, r, err)
			return
		}
		s.enqueue(w, r, kind, raw)
	}
}

func (s *Server) enqueue(w http.ResponseWriter, r *http.Request, kind string, raw json.RawMessage) {
	t, err := s.prepare(r.Context(), kind, raw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.startJob(w, r, t)
}

func (s *Server) startJob(w http.ResponseWriter, r *http.Request, t *task) {
	id, err := s.jobs.submit(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	j, err := s.cfg.Store.Job(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/jobs/"+strconv.FormatInt(id, 10))
	writeJSON(w, http.StatusAccepted, answerOf(j))
}

// listJobs answers GET /api/jobs: the latest 100 jobs.
func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) {
	jobs, err := s.cfg.Store.Jobs(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]jobAnswer, len(jobs))
	for i := range jobs {
		out[i] = answerOf(&jobs[i])
	}
	writeJSON(w, http.StatusOK, struct {
		Jobs []jobAnswer `json:"jobs"`
	}{out})
}

func (s *Server) jobOf(r *http.Request) (*store.Job, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 {
		return nil, badRequest("job id %q: want a positive integer", raw)
	}
	j, err := s.cfg.Store.Job(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no job %d", id)
	}
	return j, err
}

// getJob answers GET /api/jobs/{id}.
func (s *Server) getJob(w http.ResponseWriter, r *http.Request) {
	j, err := s.jobOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, answerOf(j))
}

// cancelJob answers POST /api/jobs/{id}/cancel: 202 when the job was
// queued or running (it stops at its next check), 409 when it had
// already ended.
func (s *Server) cancelJob(w http.ResponseWriter, r *http.Request) {
	j, err := s.jobOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.jobs.cancel(j.ID) {
		s.fail(w, r, &httpError{status: http.StatusConflict, msg: fmt.Sprintf("job %d has already ended: %s", j.ID, j.State)})
		return
	}
	writeJSON(w, http.StatusAccepted, answerOf(j))
}
