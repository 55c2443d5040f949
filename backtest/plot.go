package backtest

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Charts returns one PNG per series (keyed by series name) of predicted
// and actual values by fiscal year, held-out years marked.
func (r *Report) Charts() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, s := range Series {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("%s: predicted vs actual (MAPE all %.1f%%, held out %.1f%%)", s, r.MAPE[s].All, r.MAPE[s].HeldOut)
		p.X.Label.Text = "fiscal year"
		p.Y.Label.Text = s
		var pred, act, held plotter.XYs
		for _, y := range r.Years {
			v := y.Values[s]
			pred = append(pred, plotter.XY{X: float64(y.FY), Y: v.Predicted})
			if v.HasActual {
				act = append(act, plotter.XY{X: float64(y.FY), Y: v.Actual})
				if y.HeldOut {
					held = append(held, plotter.XY{X: float64(y.FY), Y: v.Actual})
				}
			}
		}
		lp, err := plotter.NewLine(pred)
		if err != nil {
			return nil, err
		}
		lp.Color = color.RGBA{R: 200, A: 255}
		p.Add(lp)
		p.Legend.Add("predicted", lp)
		if len(act) > 0 {
			sc, err := plotter.NewScatter(act)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle.Shape = draw.CircleGlyph{}
			p.Add(sc)
			p.Legend.Add("actual", sc)
		}
		if len(held) > 0 {
			sc, err := plotter.NewScatter(held)
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle.Shape = draw.RingGlyph{}
			sc.GlyphStyle.Radius = vg.Points(6)
			sc.GlyphStyle.Color = color.RGBA{B: 200, A: 255}
			p.Add(sc)
			p.Legend.Add("held out", sc)
		}
		p.Y.Min = 0
		w, err := p.WriterTo(8*vg.Inch, 4.5*vg.Inch, "png")
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if _, err := w.WriteTo(&buf); err != nil {
			return nil, err
		}
		out[s] = buf.Bytes()
	}
	return out, nil
}
