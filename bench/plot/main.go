// Command plot draws the scaling curve of bench/run: wall time and peak
// resident memory of removalsim's agent engine against the number of
// people in the scenario, on log-log axes, each with the straight line of
// exact proportionality through the largest run for reference.
//
//	plot -in bench/out/scaling.tsv -throughput bench/out/throughput.tsv -out bench/out
//
// The input is prep scaling's output: a header line, then label, people,
// wall seconds, peak RSS in MiB, events and CPU seconds, tab-separated. It
// writes scaling-time.png (wall and CPU seconds) and scaling-rss.png.
// With -throughput (prep throughput's output) it also draws
// throughput.png: events per CPU second of each tool against cases.
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
	tp := flag.String("throughput", "", "events per second by tool and size (prep throughput); optional")
	out := flag.String("out", "bench/out", "directory for the PNGs")
	flag.Parse()
	err := run(*in, *out)
	if err == nil && *tp != "" {
		err = drawThroughput(*tp, filepath.Join(*out, "throughput.png"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

// point is one scaling run.
type point struct{ people, wall, rss, events, cpu float64 }

func run(in, out string) error {
	pts, err := read(in)
	if err != nil {
		return err
	}
	if len(pts) < 2 {
		return fmt.Errorf("%s: want at least two runs, got %d", in, len(pts))
	}
	if err := draw(pts, "Time of one replication", "seconds", []series{
		{"wall", func(p point) float64 { return p.wall }},
		{"CPU (user + system)", func(p point) float64 { return p.cpu }},
	}, filepath.Join(out, "scaling-time.png")); err != nil {
		return err
	}
	return draw(pts, "Peak resident memory", "MiB", []series{
		{"peak RSS", func(p point) float64 { return p.rss }},
	}, filepath.Join(out, "scaling-rss.png"))
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
		if len(fields) != 6 {
			return nil, fmt.Errorf("%s:%d: want 6 tab-separated fields, got %d", path, line, len(fields))
		}
		var v [5]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(fields[i+1], 64); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			if v[i] <= 0 {
				return nil, fmt.Errorf("%s:%d: field %d must be positive for a log scale", path, line, i+2)
			}
		}
		pts = append(pts, point{v[0], v[1], v[2], v[3], v[4]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(pts) == 0 {
		return nil, errors.New(path + ": no runs")
	}
	return pts, nil
}

// series is one measured quantity.
type series struct {
	name string
	y    func(point) float64
}

var palette = []color.Color{
	color.RGBA{R: 31, G: 119, B: 180, A: 255},
	color.RGBA{R: 214, G: 39, B: 40, A: 255},
}

// draw plots each series against people, with the line y ∝ people through
// the first series' largest run.
func draw(pts []point, title, unit string, ss []series, file string) error {
	p := plot.New()
	p.Title.Text = title + ", agent engine, baseline-2025 scaled, 48 months"
	p.X.Label.Text = "people in the scenario"
	p.Y.Label.Text = unit
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())

	for i, s := range ss {
		measured := make(plotter.XYs, len(pts))
		for j, pt := range pts {
			measured[j] = plotter.XY{X: pt.people, Y: s.y(pt)}
		}
		line, dots, err := plotter.NewLinePoints(measured)
		if err != nil {
			return err
		}
		line.Color = palette[i%len(palette)]
		dots.Color = line.Color
		p.Add(line, dots)
		p.Legend.Add(s.name, line, dots)
	}
	last := pts[len(pts)-1]
	y := ss[0].y
	ref, err := plotter.NewLine(plotter.XYs{
		{X: pts[0].people, Y: y(last) * pts[0].people / last.people},
		{X: last.people, Y: y(last)},
	})
	if err != nil {
		return err
	}
	ref.Color = color.Gray{Y: 140}
	ref.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(ref)
	p.Legend.Add("proportional to people (through the largest run)", ref)
	p.Legend.Top, p.Legend.Left = false, false // bottom right: the curves rise to the top right
	p.Legend.XOffs = -vg.Points(6)
	p.Legend.YOffs = vg.Points(6)
	return p.Save(18*vg.Centimeter, 11*vg.Centimeter, file)
}

// drawThroughput plots each tool's events per CPU second against cases.
func drawThroughput(path, file string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	byTool := map[string]plotter.XYs{}
	var tools []string
	for i, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
		if i == 0 {
			continue // header
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return fmt.Errorf("%s:%d: want 4 tab-separated fields, got %d", path, i+1, len(f))
		}
		n, err1 := strconv.ParseFloat(f[1], 64)
		r, err2 := strconv.ParseFloat(f[3], 64)
		if err := errors.Join(err1, err2); err != nil || n <= 0 || r <= 0 {
			return fmt.Errorf("%s:%d: want positive numbers, got %q", path, i+1, line)
		}
		if byTool[f[0]] == nil {
			tools = append(tools, f[0])
		}
		byTool[f[0]] = append(byTool[f[0]], plotter.XY{X: n, Y: r})
	}
	p := plot.New()
	p.Title.Text = "Model events per CPU second, bench scenario"
	p.X.Label.Text = "cases (people arrested over the year)"
	p.Y.Label.Text = "events per CPU second"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())
	colors := map[string]color.Color{
		"removalsim": color.RGBA{R: 31, G: 119, B: 180, A: 255},
		"simjs":      color.RGBA{R: 255, G: 127, B: 14, A: 255},
		"simpy":      color.RGBA{R: 44, G: 160, B: 44, A: 255},
	}
	for _, t := range tools {
		line, dots, err := plotter.NewLinePoints(byTool[t])
		if err != nil {
			return err
		}
		if c, ok := colors[t]; ok {
			line.Color, dots.Color = c, c
		}
		p.Add(line, dots)
		p.Legend.Add(t, line, dots)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	return p.Save(18*vg.Centimeter, 11*vg.Centimeter, file)
}
