package sensitivity

import (
	"context"
	"fmt"
)

// Output is a study as "removalsim sensitivity --format json" prints it
// and the dashboard's API returns it. Result is an *OATResult,
// *MorrisResult or *SobolResult, by Method.
type Output struct {
	Scenario string `json:"scenario"`
	Method   string `json:"method"`
	Metric   string `json:"metric"`
	Result   any    `json:"result"`
	// Manifest is the provenance of the output (a *manifest.Manifest
	// from the command; any, so that this package stays free of it).
	Manifest any `json:"manifest,omitempty"`
}

// Methods are the names Study accepts.
var Methods = []string{"oat", "morris", "sobol"}

// Study runs the named method over the factors: "oat"; "morris" with
// samples trajectories (0: 10); "sobol" with base sample size samples
// (0: 256). An unknown method is an error naming the known ones.
func Study(method string, fs []Factor, samples int, newf NewFunc, o Options) (any, error) {
	switch method {
	case "oat":
		return OAT(fs, newf, o)
	case "morris":
		return Morris(fs, samples, newf, o)
	case "sobol":
		n := samples
		if n == 0 {
			n = 256
		}
		return Sobol(fs, newf, SobolOptions{Options: o, N: n})
	}
	return nil, fmt.Errorf("unknown method %q; want oat, morris or sobol", method)
}

// Cancellable wraps newf so that every evaluation fails with ctx's error
// once ctx is cancelled: a study stopped by Ctrl-C or by cancelling a
// dashboard job skips its remaining runs.
func Cancellable(ctx context.Context, newf NewFunc) NewFunc {
	return func() (Func, error) {
		f, err := newf()
		if err != nil {
			return nil, err
		}
		return func(x []float64) (float64, error) {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			return f(x)
		}, nil
	}
}
