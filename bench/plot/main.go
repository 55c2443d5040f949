// Command plot draws the scaling curve of bench/run: wall time and peak
// resident memory of removalsim's agent engine against the number of
// people in the scenario, on log-log axes, each with the straight line of
// exact proportionality through the largest run for reference.
//
//	plot -in bench/out/scaling.tsv -out bench/out
//
// The input is prep scaling's output: a header line, then label, people,
// wall seconds, peak RSS in MiB and events, tab-separated. It writes
// scaling-time.png and scaling-rss.png.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func main() {
	in := flag.String("in", "bench/out/scaling.tsv", "scaling runs (prep scaling)")
	out := flag.String("out", "bench/out", "directory for the PNGs")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

// point is one scaling run.
type point struct{ people, wall, rss, events float64 }

func run(in, out string) error {
	pts, err := read(in)
	if err != nil {
		return err
	}
	if len(pts) < 2 {
		return fmt.Errorf("%s: want at least two runs, got %d", in, len(pts))
	}
	if err := draw(pts, "Wall time of one replication", "seconds",
		func(p point) float64 { return p.wall }, filepath.Join(out, "scaling-time.png")); err != nil {
		return err
	}
	return draw(pts, "Peak resident memory", "MiB",
		func(p point) float64 { return p.rss }, filepath.Join(out, "scaling-rss.png"))
}

func read(path string) ([]point, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pts []point
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // header
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated fields, got %d", path, line, len(fields))
		}
		var v [4]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(fields[i+1], 64); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			if v[i] <= 0 {
				return nil, fmt.Errorf("%s:%d: field %d must be positive for a log scale", path, line, i+2)
			}
		}
		pts = append(pts, point{v[0], v[1], v[2], v[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(pts) == 0 {
		return nil, errors.New(path + ": no runs")
	}
	return pts, nil
}

// draw plots y(p) against people, with the line y ∝ people through the
// largest run.
func draw(pts []point, title, unit string, y func(point) float64, file string) error {
	p := plot.New()
	p.Title.Text = title + ", removalsim agent engine, baseline-2025 scaled, 48 months"
	p.X.Label.Text = "people in the scenario"
	p.Y.Label.Text = unit
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())

	measured := make(plotter.XYs, len(pts))
	for i, pt := range pts {
		measured[i] = plotter.XY{X: pt.people, Y: y(pt)}
	}
	last := pts[len(pts)-1]
	linear := plotter.XYs{
		{X: pts[0].people, Y: y(last) * pts[0].people / last.people},
		{X: last.people, Y: y(last)},
	}
	ref, err := plotter.NewLine(linear)
	if err != nil {
		return err
	}
	ref.Color = color.Gray{Y: 140}
	ref.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	line, dots, err := plotter.NewLinePoints(measured)
	if err != nil {
		return err
	}
	line.Color = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	dots.Color = line.Color
	p.Add(ref, line, dots)
	p.Legend.Add("measured", line, dots)
	p.Legend.Add("proportional to people (through the largest run)", ref)
	p.Legend.Top, p.Legend.Left = true, true
	return p.Save(18*vg.Centimeter, 11*vg.Centimeter, file)
}
