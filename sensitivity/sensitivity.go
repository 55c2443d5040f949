package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Factor is one uncertain input varied over [Low, High], with Base its
// value when held fixed (OAT).
type Factor struct {
	Name            string
	Low, High, Base float64
}

// Func evaluates the model at one point (factor values in the order of
// the factors). It must be safe to call from one goroutine at a time;
// NewFunc is called once per worker to give each its own.
type Func func(x []float64) (float64, error)

// NewFunc returns a fresh Func for one worker.
type NewFunc func() (Func, error)

// Pure wraps a function safe for concurrent use as a NewFunc.
func Pure(f func(x []float64) float64) NewFunc {
	return func() (Func, error) {
		return func(x []float64) (float64, error) { return f(x), nil }, nil
	}
}

// Options are the settings shared by the methods; the zero value means
// defaults.
type Options struct {
	// Workers is the number of parallel evaluations; 0 means GOMAXPROCS.
	Workers int
	// Seed seeds the sampling of Morris and Sobol.
	Seed uint64
	// Progress, when set, is called after each evaluation with the number
	// done and the total (from one goroutine at a time, in no fixed order
	// of samples).
	Progress func(done, total int)
}

func (o Options) workers(n int) int {
	w := o.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, n))
}

// checkFactors rejects empty or inverted ranges.
func checkFactors(fs []Factor) error {
	if len(fs) == 0 {
		return errors.New("sensitivity: no factors (give parameters a range: [low, high])")
	}
	for _, f := range fs {
		if !(f.Low < f.High) || math.IsInf(f.Low, 0) || math.IsInf(f.High, 0) {
			return fmt.Errorf("sensitivity: factor %s: range [%g, %g] is not an interval", f.Name, f.Low, f.High)
		}
	}
	return nil
}

// evalAll evaluates newf's function at every point, in parallel, and
// returns the outputs in the order of points. The first error stops the
// remaining work.
func evalAll(points [][]float64, newf NewFunc, o Options) ([]float64, error) {
	out := make([]float64, len(points))
	var next, done atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range o.workers(len(points)) {
		f, err := newf()
		if err != nil {
			return nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(points) {
					return
				}
				y, err := f(points[i])
				if err == nil && math.IsNaN(y) {
					err = fmt.Errorf("sensitivity: model returned NaN at %v", points[i])
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					next.Store(int64(len(points)))
					return
				}
				out[i] = y
				d := int(done.Add(1))
				if o.Progress != nil {
					mu.Lock()
					o.Progress(d, len(points))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

// scale maps u in [0,1] to the factor's range.
func (f Factor) scale(u float64) float64 { return f.Low + u*(f.High-f.Low) }
