package scenario_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports states the package's import policy: the domain core does no
// I/O of its own and reads files only through io/fs.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if imp == "os" || imp == "flag" || imp == "net" || strings.HasPrefix(imp, "os/") ||
			strings.HasPrefix(imp, "net/") || strings.HasPrefix(imp, "database/") {
			t.Errorf("package scenario imports %s; read files through io/fs and leave I/O to cmd/", imp)
		}
	}
}
