// Package dashboard holds the pages, scripts and styles of "removalsim
// serve", embedded in the binary so that the dashboard needs no network
// at view time. No page has inline script: the server's
// Content-Security-Policy allows scripts from its own files only.
//
// The charts are drawn with ECharts (served from package web/assets) by
// dashboard.js, which turns the API's result JSON into chart options.
package dashboard

import "embed"

// FS holds index.html (the dashboard), run.html (a stored run's
// permanent page), their scripts and the style sheet.
//
//go:embed *.html *.js *.css
var FS embed.FS
