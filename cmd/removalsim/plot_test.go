package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestPlotEveryCommand runs each command with --plot and checks that each
// chart it should draw is there as a PNG and an SVG.
func TestPlotEveryCommand(t *testing.T) {
	base := filepath.Join("..", "..", "scenarios", "baseline-2025.yaml")
	variant := filepath.Join("..", "..", "scenarios", "policy-variants", "screening-7day.yaml")
	for _, tc := range []struct {
		args  []string
		files []string
	}{
		{[]string{"run", "--months", "13", "--engine", "agent", "--runs", "2"}, []string{"removals-by-pathway", "removals-by-definition", "stocks", "utilisation", "costs", "due-process", "uncertainty", "time-to-removal"}},
		{[]string{"compare", base, variant, "--months", "6"}, []string{"compare"}},
		{[]string{"plan", base, "--target", "250000", "--by", "2025-10", "--runs", "0"}, []string{"plan-rate", "plan-levels"}},
		{[]string{"backtest"}, []string{"backtest-removals", "backtest-arrests", "backtest-detention_adp", "backtest-court_backlog"}},
		{[]string{"sensitivity", "--method", "oat"}, []string{"sensitivity"}},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "charts")
			mustRun(t, append(tc.args, "--plot", dir)...)
			for _, name := range tc.files {
				png, err := os.ReadFile(filepath.Join(dir, name+".png"))
				if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
					t.Errorf("%s.png: %v", name, err)
				}
				svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
				if err != nil || !bytes.Contains(svg, []byte("<svg")) {
					t.Errorf("%s.svg: %v", name, err)
				}
			}
		})
	}
	code, _, errOut := removalsim(t, "run", "--plot", filepath.Join("testdata", "bad.yaml", "x"))
	if code != exitUsage || !bytes.Contains([]byte(errOut), []byte("--plot")) {
		t.Errorf("--plot under a file: exit %d, stderr %q", code, errOut)
	}
}
