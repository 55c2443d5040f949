// Package assets holds the files the HTML report (removalsim report) and
// the dashboard serve or inline: Apache ECharts 6.1.0's single-file build,
// with its licence and checksum, and charts.js, which turns removalsim's
// JSON outputs into ECharts options and tables.
//
// The files are embedded with go:embed, so builds, tests and pages never
// touch npm or the network. echarts.min.js is the dist file of the npm
// package echarts@6.1.0 (npm pack echarts@6.1.0; package/dist/), committed
// unchanged; echarts.min.js.sha256 holds its SHA-256, which a test checks.
// To update it, replace the file and its licence files from the new
// package, run sha256sum echarts.min.js > echarts.min.js.sha256, and bump
// EChartsVersion.
package assets

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
)

// EChartsVersion is the version of the embedded ECharts build.
const EChartsVersion = "6.1.0"

// ECharts is echarts.min.js, the whole library in one script.
//
//go:embed echarts.min.js
var ECharts []byte

// EChartsSHA256 is the committed checksum file's line for echarts.min.js:
// "<hex>  echarts.min.js".
//
//go:embed echarts.min.js.sha256
var EChartsSHA256 string

// EChartsLicense is ECharts' licence (Apache-2.0, with the notices of the
// code it bundles).
//
//go:embed echarts.LICENSE
var EChartsLicense string

// ChartsJS is charts.js: RemovalsimCharts.charts, .tables and .mount.
//
//go:embed charts.js
var ChartsJS []byte

// Verify checks that the embedded ECharts matches its committed checksum.
func Verify() error {
	want, _, _ := strings.Cut(strings.TrimSpace(EChartsSHA256), " ")
	sum := sha256.Sum256(ECharts)
	if got := hex.EncodeToString(sum[:]); got != want {
		return fmt.Errorf("assets: echarts.min.js has sha256 %s, echarts.min.js.sha256 says %s", got, want)
	}
	return nil
}
