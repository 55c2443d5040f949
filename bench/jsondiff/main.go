// Command jsondiff compares two JSON documents number by number: it
// reports the largest relative difference between numbers at the same
// place, and fails when any pair differs by more than -rel relative
// (beyond an absolute floor -abs, for quantities that cancel to about
// zero) or when anything else (a key, a string, a length) differs. A
// number present on one side only is compared with 0, as the result's
// maps leave out zeros.
//
//	jsondiff [-rel 1e-9] [-abs 1e-6] OLD.json NEW.json
//
// bench/flowdiff uses it to check that a change to the flow engine's
// arithmetic leaves every shipped scenario's result the same to 1e-9.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
)

func main() {
	rel := flag.Float64("rel", 1e-9, "largest accepted relative difference")
	abs := flag.Float64("abs", 1e-6, "differences up to this are accepted whatever their relative size")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: jsondiff [-rel R] [-abs A] OLD.json NEW.json")
		os.Exit(2)
	}
	var docs [2]any
	for i := range docs {
		var err error
		if docs[i], err = load(flag.Arg(i)); err != nil {
			fmt.Fprintln(os.Stderr, "jsondiff:", err)
			os.Exit(2)
		}
	}
	d := differ{rel: *rel, abs: *abs}
	d.walk("", docs[0], docs[1])
	fmt.Printf("numbers %d, largest relative difference %.3g at %s, %d beyond tolerance\n", d.numbers, d.worst, orRoot(d.worstAt), len(d.problems))
	for i, p := range d.problems {
		if i == 20 {
			fmt.Printf("... and %d more\n", len(d.problems)-20)
			break
		}
		fmt.Println(" ", p)
	}
	if len(d.problems) > 0 {
		os.Exit(1)
	}
}

func load(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func orRoot(path string) string {
	if path == "" {
		return "the root"
	}
	return path
}

// differ walks two documents side by side.
type differ struct {
	rel, abs float64
	numbers  int
	worst    float64
	worstAt  string
	problems []string
}

func (d *differ) walk(at string, a, b any) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			d.problems = append(d.problems, fmt.Sprintf("%s: object against %T", orRoot(at), b))
			return
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			xv, xok := x[k]
			yv, yok := y[k]
			if !xok || !yok {
				// Maps of numbers leave out zeros (a flow of
				// nobody): a number on one side only is compared
				// with 0.
				if n, ok := xv.(json.Number); ok {
					yv = json.Number("0")
					xv = n
				} else if n, ok := yv.(json.Number); ok {
					xv = json.Number("0")
					yv = n
				} else {
					d.problems = append(d.problems, fmt.Sprintf("%s.%s: only in one document", at, k))
					continue
				}
			}
			d.walk(at+"."+k, xv, yv)
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			d.problems = append(d.problems, fmt.Sprintf("%s: array of %d against %v", orRoot(at), len(x), describe(b)))
			return
		}
		for i := range x {
			d.walk(fmt.Sprintf("%s[%d]", at, i), x[i], y[i])
		}
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			d.problems = append(d.problems, fmt.Sprintf("%s: number against %T", orRoot(at), b))
			return
		}
		d.numbers++
		xf, err1 := x.Float64()
		yf, err2 := y.Float64()
		if err1 != nil || err2 != nil {
			if x != y {
				d.problems = append(d.problems, fmt.Sprintf("%s: %s against %s", orRoot(at), x, y))
			}
			return
		}
		diff := math.Abs(xf - yf)
		r := 0.0
		if diff > 0 {
			r = diff / math.Max(math.Abs(xf), math.Abs(yf))
		}
		if r > d.worst && diff > d.abs {
			d.worst, d.worstAt = r, at
		}
		if diff > d.abs && r > d.rel {
			d.problems = append(d.problems, fmt.Sprintf("%s: %s against %s (relative %.3g)", orRoot(at), x, y, r))
		}
	default:
		if a != b {
			d.problems = append(d.problems, fmt.Sprintf("%s: %v against %v", orRoot(at), short(a), short(b)))
		}
	}
}

func describe(v any) string {
	if y, ok := v.([]any); ok {
		return fmt.Sprintf("array of %d", len(y))
	}
	return fmt.Sprintf("%T", v)
}

func short(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return strings.ReplaceAll(s, "\n", " ")
}
