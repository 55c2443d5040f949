package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/removalsim/removalsim/regime"
)

// runRegimeBacktest prints the out-of-time test of a regime (issue 11):
// only "2025" exists, scenarios/fy2025.yaml against every later published
// window. It is backtest --regime's body, kept apart from the FY2008-FY2024
// backtest it shares the command with.
func runRegimeBacktest(w io.Writer, name, format string) error {
	if name != "2025" {
		return badInput(fmt.Errorf("--regime: want 2025, got %q", name))
	}
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	r, err := regime.Run()
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return r.WriteTable(w)
}
