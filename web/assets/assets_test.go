package assets

import (
	"bytes"
	"strings"
	"testing"
)

func TestEChartsChecksum(t *testing.T) {
	if err := Verify(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(strings.TrimSpace(EChartsSHA256), "  echarts.min.js") {
		t.Errorf("checksum file %q does not name echarts.min.js", EChartsSHA256)
	}
}

func TestEChartsVersion(t *testing.T) {
	if !bytes.Contains(ECharts, []byte(`version="`+EChartsVersion+`"`)) {
		t.Errorf("echarts.min.js is not version %s", EChartsVersion)
	}
	if !strings.Contains(EChartsLicense, "Apache License") {
		t.Error("the ECharts licence is not Apache-2.0")
	}
}

// TestChartsJSHasNoNetwork checks that charts.js loads nothing: the
// report must open offline.
func TestChartsJSHasNoNetwork(t *testing.T) {
	for _, s := range []string{"http://", "https://", "fetch(", "XMLHttpRequest", "import(", "<script"} {
		if bytes.Contains(ChartsJS, []byte(s)) {
			t.Errorf("charts.js contains %q", s)
		}
	}
	if !bytes.Contains(ChartsJS, []byte("global.RemovalsimCharts =")) {
		t.Error("charts.js does not define RemovalsimCharts")
	}
}
