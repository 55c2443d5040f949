package progress

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8"
)

// TestSilentOffTerminal checks that nothing is drawn on a writer that is
// not a terminal, and that every call is safe there.
func TestSilentOffTerminal(t *testing.T) {
	var buf bytes.Buffer
	g := New(&buf)
	if g != nil {
		t.Fatal("New on a buffer returned a drawing group")
	}
	b := g.Bar("runs", 10)
	b.Add(3)
	b.Set(5, 10)
	if b.Func() != nil {
		t.Error("Func of a nil bar is not nil")
	}
	b.Done()
	g.Spinner("fit").Done()
	g.Wait()
	if err := Spin(&buf, "fit", func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	update, finish := Count(&buf, "runs", 10)
	if update != nil {
		t.Error("Count on a buffer returned a callback")
	}
	finish()
	if buf.Len() != 0 {
		t.Errorf("wrote %q off a terminal", buf.String())
	}
}

// TestTerminal checks the detection on a regular file and a pipe.
func TestTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, x := range map[string]*os.File{"file": f, "pipe": w} {
		if Terminal(x) {
			t.Errorf("%s taken for a terminal", name)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the drawing goroutine and the
// test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDrawsWhenForced checks that a forced group draws the bar's name and
// counts, from several goroutines at once.
func TestDrawsWhenForced(t *testing.T) {
	var out syncBuffer
	refresh := make(chan any)
	g := newGroup(mpb.WithOutput(&out), mpb.ForceTTY(), mpb.WithManualRefresh(refresh))
	b := g.Bar("replications", 9)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); b.Add(1) }()
	}
	wg.Wait()
	for b.b.Current() != 8 {
		runtime.Gosched() // increments reach the bar asynchronously
	}
	refresh <- time.Now()
	g.Wait()
	if s := out.String(); !strings.Contains(s, "replications") || !strings.Contains(s, " 8/") {
		t.Errorf("forced bar drew %q, want its name and the count 8", s)
	}
}
