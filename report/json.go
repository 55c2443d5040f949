package report

import (
	"encoding/json"
	"io"

	"github.com/removalsim/removalsim/result"
)

// JSON writes r as indented JSON (two spaces), the result contract of
// package result field for field. The output is deterministic: struct
// fields keep their order and encoding/json sorts map keys. It returns an
// error, and writes nothing, when r holds NaN or an infinity.
func JSON(w io.Writer, r *result.Result) error {
	if err := checkFinite(r); err != nil {
		return err
	}
	return writeJSON(w, r)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
