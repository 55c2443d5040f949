package tidy

import (
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// WriteParquet writes rows as a Parquet file (columns as in Header, the
// text columns dictionary-encoded, zstd-compressed), with each entry of
// meta as key-value metadata of the file (the manifest, for one). It
// writes nothing and returns an error when a value is NaN or infinite.
// The file is written in one piece: Parquet's footer comes last.
func WriteParquet(w io.Writer, rows []Row, meta map[string]string) error {
	if err := check(rows); err != nil {
		return err
	}
	opts := []parquet.WriterOption{parquet.Compression(&zstd.Codec{})}
	for _, k := range sortedKeys(meta) {
		opts = append(opts, parquet.KeyValueMetadata(k, meta[k]))
	}
	return parquet.Write(w, rows, opts...)
}

// ReadParquet reads the rows of a file written by WriteParquet.
func ReadParquet(r io.ReaderAt, size int64) ([]Row, error) {
	return parquet.Read[Row](r, size)
}
