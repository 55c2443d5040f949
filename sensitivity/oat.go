package sensitivity

import (
	"math"
	"sort"
)

// OATRow is one factor's one-at-a-time result.
type OATRow struct {
	Name string `json:"name"`
	// Low and High are the factor's range.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// AtLow and AtHigh are the outputs with the factor at Low and High and
	// every other factor at its base value.
	AtLow  float64 `json:"at_low"`
	AtHigh float64 `json:"at_high"`
	// Swing is |AtHigh − AtLow|.
	Swing float64 `json:"swing"`
}

// OATResult is a tornado: the base output and one row per factor, sorted
// by decreasing swing (ties by name).
type OATResult struct {
	Base float64  `json:"base"`
	Rows []OATRow `json:"rows"`
}

// OAT varies each factor alone to its low and high values. It costs
// 2k+1 evaluations.
func OAT(fs []Factor, newf NewFunc, o Options) (*OATResult, error) {
	if err := checkFactors(fs); err != nil {
		return nil, err
	}
	base := make([]float64, len(fs))
	for i, f := range fs {
		base[i] = f.Base
	}
	points := [][]float64{base}
	for i, f := range fs {
		for _, v := range []float64{f.Low, f.High} {
			x := append([]float64(nil), base...)
			x[i] = v
			points = append(points, x)
		}
	}
	y, err := evalAll(points, newf, o)
	if err != nil {
		return nil, err
	}
	r := &OATResult{Base: y[0]}
	for i, f := range fs {
		lo, hi := y[1+2*i], y[2+2*i]
		r.Rows = append(r.Rows, OATRow{Name: f.Name, Low: f.Low, High: f.High, AtLow: lo, AtHigh: hi, Swing: math.Abs(hi - lo)})
	}
	sort.SliceStable(r.Rows, func(a, b int) bool {
		if r.Rows[a].Swing != r.Rows[b].Swing {
			return r.Rows[a].Swing > r.Rows[b].Swing
		}
		return r.Rows[a].Name < r.Rows[b].Name
	})
	return r, nil
}
