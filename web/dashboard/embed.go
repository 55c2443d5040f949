// Package dashboard holds the pages, scripts and styles of "removalsim
// serve", embedded in the binary so that the dashboard needs no network
// at view time. No page has inline script: the server's
// Content-Security-Policy allows scripts from its own files only.
//
// The charts are the HTML report's: ECharts and charts.js from package
// web/assets (the server serves them under /assets/ too), which turn the
// API's result JSON into chart options; dashboard-charts.js updates them
// in place.
package dashboard

import "embed"

// FS holds index.html (the dashboard), run.html (a stored run's
// permanent page), their scripts and the style sheet.
//
//go:embed *.html *.js *.css
var FS embed.FS
