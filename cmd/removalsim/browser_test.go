package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// maxReportBytes is the bar's bound on the size of a report.
const maxReportBytes = 3 << 20

// browser returns the path of a Chromium to drive, or skips the test when
// there is none, except in CI (CI set), where a missing browser fails it:
// .ci/run installs Debian's chromium.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium on PATH in CI; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH; install it to run the browser test")
	return ""
}

// artifactDir is where the test leaves its screenshots:
// $REMOVALSIM_ARTIFACTS, else removalsim-artifacts in the temporary
// directory.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("REMOVALSIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "removalsim-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// emulateNetworkConditions is the protocol's Network.emulateNetworkConditions,
// which Debian's Chromium answers (cdproto now lists only its successor,
// emulateNetworkConditionsByRule, which that Chromium refuses).
var emulateNetworkConditions = cdp.Command[offlineParams, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// offlineParams are its parameters.
type offlineParams struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

// chartState is what the page says of one chart.
type chartState struct {
	ID      string `json:"id"`
	Painted int    `json:"painted"`
	Toolbox bool   `json:"toolbox"`
}

// drawnCharts measures each .chart element: the number of painted pixels
// of its canvas (every 7th pixel sampled) or of drawn elements of its SVG,
// and whether its toolbox offers saveAsImage and the SVG download.
const drawnCharts = `Array.from(document.querySelectorAll('.chart')).map(function (d) {
  var inst = echarts.getInstanceByDom(d), opt = inst ? inst.getOption() : {};
  var f = (opt.toolbox && opt.toolbox[0] && opt.toolbox[0].feature) || {};
  var painted = 0, c = d.querySelector('canvas'), s = d.querySelector('svg');
  if (c) {
    var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (var i = 3; i < px.length; i += 28) { if (px[i] > 0) { painted++; } }
  } else if (s) {
    painted = s.querySelectorAll('path, rect, text').length;
  }
  return {id: d.id, painted: painted, toolbox: !!(f.saveAsImage && f.mySaveSVG)};
})`

// TestReportInBrowser writes a report of a run (agent engine, with bands
// and bottlenecks), a comparison, a plan, a backtest and a sensitivity
// study, opens it in headless Chromium with the network cut, and checks:
// no console error or exception, no resource loaded besides the file,
// every chart drawn with a toolbox that saves PNG and SVG, no sideways
// scrolling on a phone; it saves screenshots (desktop and phone) as
// artifacts. The file must be under 3 MB.
func TestReportInBrowser(t *testing.T) {
	chrome := browser(t)
	dir := t.TempDir()
	base := filepath.Join("..", "..", "scenarios", "baseline-2025.yaml")
	variant := filepath.Join("..", "..", "scenarios", "policy-variants", "doubled-judges.yaml")
	var inputs []string
	for _, in := range []struct {
		name string
		args []string
	}{
		{"run.json", []string{"run", base, "--engine", "agent", "--runs", "3", "--months", "24", "--bottlenecks"}},
		{"compare.json", []string{"compare", base, variant, "--months", "12", "--engine", "agent", "--runs", "3"}},
		{"plan.json", []string{"plan", base, "--target", "250000", "--by", "2025-10", "--runs", "1"}},
		{"backtest.json", []string{"backtest", "--calibrated", filepath.Join("..", "..", "scenarios", "calibrated.yaml")}},
		{"sensitivity.json", []string{"sensitivity", "--method", "oat"}},
	} {
		name, args := in.name, in.args
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(mustRun(t, append(args, "--format", "json")...)), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, file)
	}
	html := filepath.Join(dir, "report.html")
	mustRun(t, append(append([]string{"report"}, inputs...), "-o", html)...)
	st, err := os.Stat(html)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() >= maxReportBytes {
		t.Errorf("report is %d bytes, want under %d", st.Size(), maxReportBytes)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		// No network: every host unresolvable, every connection through a
		// proxy that is not there.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	// The page may not touch the network: offline for every request.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulateNetworkConditions, offlineParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	})); err != nil {
		t.Fatalf("cutting the network: %v", err)
	}

	var (
		mu       sync.Mutex
		problems []string
	)
	consoleCtx, stopConsole := context.WithCancel(ctx)
	messages := chromedp.Console(consoleCtx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				mu.Lock()
				where := fmt.Sprintf("%s:%d:%d", m.URL, m.Line+1, m.Column+1)
				if m.Stack != nil {
					for i, f := range m.Stack.CallFrames {
						if i < 4 {
							where += fmt.Sprintf(" < %s:%d:%d", f.FunctionName, f.LineNumber+1, f.ColumnNumber+1)
						}
					}
				}
				problems = append(problems, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, where))
				mu.Unlock()
			}
		}
	}()

	if err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+html),
		chromedp.WaitVisible("body[data-charts]"),
	); err != nil {
		t.Fatal(err)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartState](drawnCharts))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, c := range charts {
		ids[c.ID] = true
		if c.Painted < 50 {
			t.Errorf("chart %s is blank (%d painted samples)", c.ID, c.Painted)
		}
		if !c.Toolbox {
			t.Errorf("chart %s cannot be saved as PNG and SVG", c.ID)
		}
	}
	for _, want := range []string{"removals-pathway", "removals-definition", "stocks", "utilisation", "costs", "due-process",
		"uncertainty", "bottlenecks", "compare", "plan-rate", "backtest-removals", "sensitivity", "procedure-procedure"} {
		found := false
		for id := range ids {
			found = found || strings.HasSuffix(id, "-"+want) || id == want
		}
		if !found {
			t.Errorf("no chart %q among %v", want, ids)
		}
	}
	resources, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType('resource').map(function (e) { return e.name; })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(resources) > 0 {
		t.Errorf("the page loaded resources: %v", resources)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	artifacts := artifactDir(t)
	if err := os.WriteFile(filepath.Join(artifacts, "report-desktop.jpg"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// A phone: 390 CSS pixels wide; nothing may scroll sideways (tables
	// scroll inside their own box).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.dispatchEvent(new Event('resize')), document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide > 390 {
		t.Errorf("on a 390-pixel phone the page is %d pixels wide", wide)
	}
	if shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, "report-phone.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d charts drawn; screenshots in %s; report %d bytes", len(charts), artifacts, st.Size())

	stopConsole()
	<-done
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("console %s", p)
	}
}
