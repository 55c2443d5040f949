package server

import (
	_ "embed"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/removalsim/removalsim/web/assets"
	"github.com/removalsim/removalsim/web/dashboard"
)

// shared are the chart assets the dashboard shares with the HTML report:
// ECharts and the builder of chart options from result JSON.
var shared = map[string][]byte{
	"echarts.min.js": assets.ECharts,
	"charts.js":      assets.ChartsJS,
}

// contentTypes are the types of the files served; any other extension is
// not served.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// page serves an embedded page.
func (s *Server) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(dashboard.FS, name)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", contentTypes[".html"])
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	}
}

// asset answers GET /assets/{file}: a shared chart asset or one of the
// dashboard's embedded scripts and style sheets; names are looked up in
// what is embedded, never on disk.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	ct, ok := contentTypes[path.Ext(name)]
	if !ok || !fs.ValidPath(name) || strings.Contains(name, "/") {
		s.fail(w, r, notFound("no asset %q", name))
		return
	}
	b, ok := shared[name]
	if !ok {
		var err error
		if b, err = fs.ReadFile(dashboard.FS, name); err != nil {
			s.fail(w, r, notFound("no asset %q", name))
			return
		}
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

//go:embed openapi.json
var openAPIDoc []byte

// openAPI answers GET /api/openapi.json: the API's OpenAPI 3.1 document.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}
