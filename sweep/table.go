package sweep

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// Row is one observation of the table: one metric of one run over one
// period.
type Row struct {
	Point, Replication int
	Metric, Unit       string
	Period             string
	Value              float64
}

// Header returns the table's columns: point, one column per parameter
// (named by its path), replication, metric, unit, period, value.
func (p *Plan) Header() []string {
	h := []string{"point"}
	for _, par := range p.Spec.Parameters {
		h = append(h, par.Path)
	}
	return append(h, "replication", "metric", "unit", "period", "value")
}

// record returns the CSV fields of a row.
func (p *Plan) record(r Row) []string {
	rec := make([]string, 0, len(p.Spec.Parameters)+6)
	rec = append(rec, strconv.Itoa(r.Point))
	rec = append(rec, p.Values(r.Point)...)
	return append(rec, strconv.Itoa(r.Replication), r.Metric, r.Unit, r.Period,
		strconv.FormatFloat(r.Value, 'g', -1, 64))
}

// encodeCSV writes rows as CSV, with the header when header is set.
// Values are written with the fewest digits that read back exactly.
func (p *Plan) encodeCSV(w io.Writer, rows []Row, header bool) error {
	cw := csv.NewWriter(w)
	if header {
		if err := cw.Write(p.Header()); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if err := cw.Write(p.record(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// decodeCSV reads rows written by encodeCSV with a header, checking the
// header and that each row's parameter values are its point's.
func (p *Plan) decodeCSV(name string, data []byte) ([]Row, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	want := p.Header()
	cr.FieldsPerRecord = len(want)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], want) {
		return nil, fmt.Errorf("%s: not a part of this sweep: want the header %v", name, want)
	}
	k := len(p.Spec.Parameters)
	rows := make([]Row, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		bad := func(what string) error {
			return fmt.Errorf("%s:%d: bad %s %q", name, i+2, what, rec)
		}
		pt, err := strconv.Atoi(rec[0])
		if err != nil || pt < 0 || pt >= p.NumPoints() || !slices.Equal(rec[1:1+k], p.Values(pt)) {
			return nil, bad("point")
		}
		rep, err := strconv.Atoi(rec[1+k])
		if err != nil || rep < 0 || rep >= p.Spec.Replications {
			return nil, bad("replication")
		}
		v, err := strconv.ParseFloat(rec[5+k], 64)
		if err != nil {
			return nil, bad("value")
		}
		rows = append(rows, Row{Point: pt, Replication: rep, Metric: rec[2+k], Unit: rec[3+k], Period: rec[4+k], Value: v})
	}
	return rows, nil
}

// numericParameter reports whether every value of parameter j is a
// number, so that its Parquet column can be a double.
func (p *Plan) numericParameter(j int) bool {
	if p.grid == nil {
		return true // sampled
	}
	for _, v := range p.Spec.Parameters[j].Values {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return false
		}
	}
	return true
}

// parquetTable writes rows to a Parquet file (zstd), one row group per
// 64k rows. Columns are as Header's; Parquet orders them by name.
type parquetTable struct {
	p       *Plan
	w       *parquet.Writer
	index   map[string]int // column name -> index in the schema
	numeric []bool
	buf     []parquet.Row
}

func (p *Plan) newParquet(w io.Writer) *parquetTable {
	g := parquet.Group{
		"point":       parquet.Int(64),
		"replication": parquet.Int(64),
		"metric":      parquet.String(),
		"unit":        parquet.String(),
		"period":      parquet.String(),
		"value":       parquet.Leaf(parquet.DoubleType),
	}
	t := &parquetTable{p: p, index: map[string]int{}}
	for j, par := range p.Spec.Parameters {
		t.numeric = append(t.numeric, p.numericParameter(j))
		if t.numeric[j] {
			g[par.Path] = parquet.Leaf(parquet.DoubleType)
		} else {
			g[par.Path] = parquet.String()
		}
	}
	schema := parquet.NewSchema("sweep", g)
	for i, f := range schema.Fields() {
		t.index[f.Name()] = i
	}
	t.w = parquet.NewWriter(w, schema, parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("removalsim", "sweep", ""),
		parquet.KeyValueMetadata("sweep", p.Spec.Name),
		parquet.KeyValueMetadata("sweep_sha256", p.Spec.Hash))
	return t
}

func (t *parquetTable) write(rows []Row) error {
	n := len(t.index)
	for _, r := range rows {
		row := make(parquet.Row, n)
		set := func(col string, v parquet.Value) {
			i := t.index[col]
			row[i] = v.Level(0, 0, i)
		}
		set("point", parquet.Int64Value(int64(r.Point)))
		values := t.p.Values(r.Point)
		for j, par := range t.p.Spec.Parameters {
			s := values[j]
			if t.numeric[j] {
				x, _ := strconv.ParseFloat(s, 64)
				set(par.Path, parquet.DoubleValue(x))
			} else {
				set(par.Path, parquet.ByteArrayValue([]byte(s)))
			}
		}
		set("replication", parquet.Int64Value(int64(r.Replication)))
		set("metric", parquet.ByteArrayValue([]byte(r.Metric)))
		set("unit", parquet.ByteArrayValue([]byte(r.Unit)))
		set("period", parquet.ByteArrayValue([]byte(r.Period)))
		set("value", parquet.DoubleValue(r.Value))
		t.buf = append(t.buf, row)
		if len(t.buf) == 1<<16 {
			if err := t.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *parquetTable) flush() error {
	if len(t.buf) == 0 {
		return nil
	}
	if _, err := t.w.WriteRows(t.buf); err != nil {
		return err
	}
	t.buf = t.buf[:0]
	return t.w.Flush()
}

func (t *parquetTable) close() error {
	if err := t.flush(); err != nil {
		return err
	}
	return t.w.Close()
}
