package server

import (
	"fmt"
	"testing"
)

// BenchmarkRunSlider is one slider move: POST /api/run with a lever.
func BenchmarkRunSlider(b *testing.B) {
	s := newServer(&testing.T{}, Config{})
	for i := 0; b.Loop(); i++ {
		w := do(&testing.T{}, s, "POST", "/api/run", fmt.Sprintf(`{"scenario":"baseline-2025","levers":{"detention_beds":%d}}`, 30000+i%1000))
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body)
		}
	}
}
