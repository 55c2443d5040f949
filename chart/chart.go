// Package chart draws removalsim's outputs as static charts, PNG and SVG,
// with gonum/plot (pure Go, fonts embedded, no system fonts needed): the
// charts "--plot DIR" writes for run, compare, plan, backtest and
// sensitivity. Every command builds its figures from the kinds here (lines
// over months, stacked areas, bands, horizontal bars, predicted against
// actual), so they look alike; the HTML report draws the same charts
// interactively (web/assets/charts.js).
//
// Figures take plain slices, and Result takes a result.Result; the
// command line adapts the other outputs.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Formats are the file formats a figure is written in.
var Formats = []string{"png", "svg"}

// Figure is one chart: a name for its files and the plot.
type Figure struct {
	// Name is the file name without extension ("removals-by-pathway").
	Name string
	plot *plot.Plot
	// height is the figure's height in inches (width is 8).
	height vg.Length
}

// Encode renders f as format ("png" or "svg").
func (f *Figure) Encode(format string) ([]byte, error) {
	h := f.height
	if h == 0 {
		h = 4.5 * vg.Inch
	}
	w, err := f.plot.WriterTo(8*vg.Inch, h, format)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Series is one named line of values.
type Series struct {
	Name   string
	Values []float64
}

// palette is colour-blind safe (Okabe–Ito), as in charts.js.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 255}, {0xE6, 0x9F, 0x00, 255}, {0x00, 0x9E, 0x73, 255}, {0xD5, 0x5E, 0x00, 255},
	{0xCC, 0x79, 0xA7, 255}, {0x56, 0xB4, 0xE9, 255}, {0xF0, 0xE4, 0x42, 255}, {0, 0, 0, 255},
	{0x99, 0x99, 0x99, 255}, {0x66, 0x66, 0x66, 255},
}

func colour(i int) color.RGBA { return palette[i%len(palette)] }

// newPlot returns a plot with a title and axis labels, legend on top.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	return p
}

// headroom raises the top of the y axis so that the legend, drawn in the
// top left corner, stays clear of the data.
func headroom(p *plot.Plot) {
	p.Y.Max = p.Y.Min + 1.35*(p.Y.Max-p.Y.Min)
}

// monthTicks labels every 12th month (every 3rd under 24 months) of
// months, at their index.
func monthTicks(months []string) plot.Ticker {
	step := 12
	if len(months) <= 24 {
		step = 3
	}
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var ts []plot.Tick
		for i, m := range months {
			t := plot.Tick{Value: float64(i)}
			if i%step == 0 {
				t.Label = m
			}
			ts = append(ts, t)
		}
		return ts
	})
}

// thousands labels an axis with thousands separators.
var thousands = plot.TickerFunc(func(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = group(ts[i].Value)
		}
	}
	return ts
})

// group formats x with thousands separators and the decimals it needs.
func group(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if math.Abs(x) >= 1e15 || (x != 0 && math.Abs(x) < 1e-3) {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	for i := range s {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	var b []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	if neg {
		return "-" + string(b) + frac
	}
	return string(b) + frac
}

// Lines draws series over months; stacked adds each series on those
// before it and fills the area under it.
func Lines(name, title, yLabel string, months []string, series []Series, stacked bool) (*Figure, error) {
	p := newPlot(title, "", yLabel)
	p.X.Tick.Marker = monthTicks(months)
	p.Y.Tick.Marker = thousands
	below := make([]float64, len(months))
	// Stacked areas are added top first so each fill covers the one
	// under it only where it should.
	var lines []*plotter.Line
	for i, s := range series {
		if len(s.Values) != len(months) {
			return nil, fmt.Errorf("chart %s: series %s has %d values for %d months", name, s.Name, len(s.Values), len(months))
		}
		xy := make(plotter.XYs, len(months))
		for j, v := range s.Values {
			if stacked {
				below[j] += v
				v = below[j]
			}
			xy[j] = plotter.XY{X: float64(j), Y: v}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", name, err)
		}
		l.Color = colour(i)
		l.Width = vg.Points(1.5)
		if stacked {
			l.FillColor = colour(i)
		}
		p.Legend.Add(s.Name, l)
		lines = append(lines, l)
	}
	for i := len(lines) - 1; i >= 0; i-- {
		p.Add(lines[i])
	}
	p.Y.Min = math.Min(p.Y.Min, 0)
	headroom(p)
	return &Figure{Name: name, plot: p}, nil
}

// Band draws the band between lo and hi over months with mid as a line.
func Band(name, title, yLabel string, months []string, lo, mid, hi []float64) (*Figure, error) {
	if len(lo) != len(months) || len(mid) != len(months) || len(hi) != len(months) {
		return nil, fmt.Errorf("chart %s: band lengths %d, %d, %d for %d months", name, len(lo), len(mid), len(hi), len(months))
	}
	p := newPlot(title, "", yLabel)
	p.X.Tick.Marker = monthTicks(months)
	p.Y.Tick.Marker = thousands
	poly := make(plotter.XYs, 0, 2*len(months))
	for i := range months {
		poly = append(poly, plotter.XY{X: float64(i), Y: hi[i]})
	}
	for i := len(months) - 1; i >= 0; i-- {
		poly = append(poly, plotter.XY{X: float64(i), Y: lo[i]})
	}
	band, err := plotter.NewPolygon(poly)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", name, err)
	}
	band.Color = color.RGBA{0x56, 0xB4, 0xE9, 110}
	band.LineStyle.Width = 0
	p.Add(band)
	p.Legend.Add("5th to 95th percentile", band)
	xy := make(plotter.XYs, len(months))
	for i, v := range mid {
		xy[i] = plotter.XY{X: float64(i), Y: v}
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", name, err)
	}
	l.Color = colour(0)
	l.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add("median", l)
	headroom(p)
	return &Figure{Name: name, plot: p}, nil
}

// Bars draws one horizontal bar per label, the first at the top; low
// and high, when not nil, draw an interval on each bar.
func Bars(name, title, xLabel string, labels []string, values, low, high []float64) (*Figure, error) {
	n := len(labels)
	if len(values) != n || (low != nil && len(low) != n) || (high != nil && len(high) != n) {
		return nil, fmt.Errorf("chart %s: %d labels, %d values", name, n, len(values))
	}
	if n == 0 {
		return nil, fmt.Errorf("chart %s: no bars", name)
	}
	p := newPlot(title, xLabel, "")
	vs := make(plotter.Values, n)
	names := make([]string, n)
	for i := range labels {
		vs[n-1-i] = values[i] // the first label at the top
		names[n-1-i] = labels[i]
	}
	b, err := plotter.NewBarChart(vs, vg.Points(10))
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", name, err)
	}
	b.Horizontal = true
	b.Color = colour(0)
	b.LineStyle.Width = 0
	p.Add(b)
	if low != nil {
		for i := range labels {
			y := float64(n - 1 - i)
			seg, err := plotter.NewLine(plotter.XYs{{X: low[i], Y: y}, {X: high[i], Y: y}})
			if err != nil {
				return nil, fmt.Errorf("chart %s: %w", name, err)
			}
			seg.Width = vg.Points(1.5)
			p.Add(seg)
		}
	}
	p.NominalY(names...)
	p.X.Tick.Marker = thousands
	p.Add(plotter.NewGrid())
	h := vg.Length(math.Max(3, 0.25*float64(n)+1.2)) * vg.Inch
	return &Figure{Name: name, plot: p, height: h}, nil
}

// PredictedActual draws a predicted line over labelled points (fiscal
// years) with the actual values as dots (NaN where there is none) and
// rings around the held-out ones.
func PredictedActual(name, title, yLabel string, labels []string, predicted, actual []float64, heldOut []bool) (*Figure, error) {
	n := len(labels)
	if len(predicted) != n || len(actual) != n || len(heldOut) != n {
		return nil, fmt.Errorf("chart %s: %d labels, %d predicted, %d actual, %d held-out flags", name, n, len(predicted), len(actual), len(heldOut))
	}
	p := newPlot(title, "", yLabel)
	p.Y.Tick.Marker = thousands
	var pred, act, held plotter.XYs
	for i := range labels {
		pred = append(pred, plotter.XY{X: float64(i), Y: predicted[i]})
		if !math.IsNaN(actual[i]) {
			act = append(act, plotter.XY{X: float64(i), Y: actual[i]})
			if heldOut[i] {
				held = append(held, plotter.XY{X: float64(i), Y: actual[i]})
			}
		}
	}
	l, err := plotter.NewLine(pred)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", name, err)
	}
	l.Color = colour(0)
	l.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add("predicted", l)
	for _, s := range []struct {
		name  string
		xy    plotter.XYs
		shape draw.GlyphDrawer
		r     vg.Length
		c     color.RGBA
	}{{"actual", act, draw.CircleGlyph{}, 3, colour(1)}, {"held out", held, draw.RingGlyph{}, 6, colour(3)}} {
		if len(s.xy) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(s.xy)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", name, err)
		}
		sc.GlyphStyle.Shape, sc.GlyphStyle.Radius, sc.GlyphStyle.Color = s.shape, vg.Points(float64(s.r)), s.c
		p.Add(sc)
		p.Legend.Add(s.name, sc)
	}
	p.NominalX(labels...)
	p.Y.Min = 0
	headroom(p)
	return &Figure{Name: name, plot: p}, nil
}
