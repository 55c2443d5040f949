// Package tidy turns removalsim's outputs into one long table with the
// same seven columns for every command, one observation per row:
//
//	scenario, engine, band, metric, unit, period, value
//
// so that a spreadsheet, R, pandas or DuckDB reads the output of run,
// compare, plan, backtest, sensitivity, bottlenecks and crosscheck alike,
// and outputs of several commands stack. docs/tidy.md documents the
// columns and, per command, the bands and metrics; a test checks both
// against the writers.
//
// The table is written as CSV (WriteCSV) or Parquet (WriteParquet). Rows
// are produced in a deterministic order (periods in time order, metrics
// sorted by name within a period), so the same output gives the same
// bytes.
package tidy

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Header is the columns of every tidy table, in order.
var Header = []string{"scenario", "engine", "band", "metric", "unit", "period", "value"}

// Row is one observation.
type Row struct {
	// Scenario names the scenario (its name, or the file as given for
	// compare) the value belongs to.
	Scenario string `parquet:"scenario,dict"`
	// Engine is "flow" or "agent".
	Engine string `parquet:"engine,dict"`
	// Band says which statistic the value is: "mean" for a flow value or
	// the mean of replications, "p05", "p50", "p95" for quantiles across
	// replications, and the command-specific names of docs/tidy.md
	// ("diff", "ci_low", "actual", "swing", ...).
	Band string `parquet:"band,dict"`
	// Metric is what is measured, as a dotted path
	// ("removals_by_pathway.interior_court").
	Metric string `parquet:"metric,dict"`
	// Unit is the unit of Value: persons, share, usd, days, ...
	Unit string `parquet:"unit,dict"`
	// Period is a month "YYYY-MM", a span "YYYY-MM/YYYY-MM" (a 12-month
	// period or the whole run), or a fiscal year "FYyyyy".
	Period string `parquet:"period,dict"`
	// Value is the number, in Unit.
	Value float64 `parquet:"value"`
}

// record returns r's fields as CSV cells, in Header's order. Values are
// written with strconv.FormatFloat(v, 'g', -1, 64), so they read back
// exactly.
func (r *Row) record(buf []string) []string {
	return append(buf[:0], r.Scenario, r.Engine, r.Band, r.Metric, r.Unit, r.Period,
		strconv.FormatFloat(r.Value, 'g', -1, 64))
}

// check returns an error naming the first row whose value is NaN or
// infinite: no column of a table can carry them.
func check(rows []Row) error {
	for i := range rows {
		if v := rows[i].Value; math.IsNaN(v) || math.IsInf(v, 0) {
			r := &rows[i]
			return fmt.Errorf("tidy: %s %s %s %s is %v; a table holds finite numbers only", r.Scenario, r.Band, r.Metric, r.Period, v)
		}
	}
	return nil
}

// WriteCSV writes rows as CSV with Header as the first line. It writes
// nothing and returns an error when a value is NaN or infinite.
func WriteCSV(w io.Writer, rows []Row) error {
	if err := check(rows); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(Header); err != nil {
		return err
	}
	var rec []string
	for i := range rows {
		rec = rows[i].record(rec)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
