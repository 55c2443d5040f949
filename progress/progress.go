// Package progress shows progress bars on standard error for commands that
// take more than a second: a bar with a count where the amount of work is
// known (replications, runs), a spinner with the elapsed time where it is
// not (an optimiser's iterations).
//
// Bars are drawn only when the writer is a terminal. Anywhere else (a
// pipe, a file, a CI log, a test's buffer) every function here does
// nothing, so the command's output stays clean and reproducible and the
// callers need no branch of their own. Every method is safe on a nil
// receiver and from several goroutines.
//
// It wraps github.com/vbauerster/mpb/v8.
package progress

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Terminal reports whether w is a character device (a terminal), the only
// place bars are drawn.
func Terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Group is a set of bars drawn together on one writer. The zero value and
// nil are valid groups that draw nothing.
type Group struct {
	p *mpb.Progress

	mu   sync.Mutex
	bars []*Bar
}

// New returns a group drawing on w when w is a terminal, and nil (a group
// that draws nothing) otherwise.
func New(w io.Writer) *Group {
	if !Terminal(w) {
		return nil
	}
	return newGroup(mpb.WithOutput(w), mpb.WithWidth(32), mpb.WithRefreshRate(150*time.Millisecond))
}

// newGroup returns a group with the container options opts.
func newGroup(opts ...mpb.ContainerOption) *Group {
	return &Group{p: mpb.New(opts...)}
}

// add keeps b so that Wait can complete it.
func (g *Group) add(b *mpb.Bar) *Bar {
	bar := &Bar{b}
	g.mu.Lock()
	g.bars = append(g.bars, bar)
	g.mu.Unlock()
	return bar
}

// Bar is one line of a group: a bar of known length or a spinner.
type Bar struct {
	b *mpb.Bar
}

// Bar adds a bar named name for total units of work, shown as
// "name [====>   ] done/total pct elapsed". It is removed from the screen
// when complete.
func (g *Group) Bar(name string, total int) *Bar {
	if g == nil || g.p == nil {
		return nil
	}
	return g.add(g.p.AddBar(int64(total),
		mpb.BarRemoveOnComplete(),
		mpb.PrependDecorators(decor.Name(name+" ", decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d", decor.WCSyncSpace)),
		mpb.AppendDecorators(decor.Percentage(decor.WCSyncSpace), decor.Elapsed(decor.ET_STYLE_GO, decor.WCSyncSpace)),
	))
}

// Spinner adds a spinner named name with the elapsed time, for work of
// unknown length; Done removes it.
func (g *Group) Spinner(name string) *Bar {
	if g == nil || g.p == nil {
		return nil
	}
	return g.add(g.p.AddSpinner(0,
		mpb.BarRemoveOnComplete(),
		mpb.PrependDecorators(decor.Name(name+" ")),
		mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)),
	))
}

// Wait completes every bar left and waits until the group has stopped
// drawing. Call it once, after the work.
func (g *Group) Wait() {
	if g == nil || g.p == nil {
		return
	}
	g.mu.Lock()
	bars := g.bars
	g.mu.Unlock()
	for _, b := range bars {
		b.Done()
	}
	g.p.Wait()
}

// Add counts n more units done.
func (b *Bar) Add(n int) {
	if b != nil {
		b.b.IncrBy(n)
	}
}

// Set sets the units done to done and the total to total (a total of 0
// or less keeps the bar's).
func (b *Bar) Set(done, total int) {
	if b == nil {
		return
	}
	if total > 0 {
		b.b.SetTotal(int64(total), false)
	}
	b.b.SetCurrent(int64(done))
}

// Done completes the bar (or spinner) and removes it.
func (b *Bar) Done() {
	if b != nil {
		b.b.SetTotal(-1, true)
	}
}

// Func adapts the bar to the callback the analysis packages take
// (sensitivity.Options.Progress and the like): it is called with the
// units done so far and the total. It returns nil for a nil bar, which
// those packages read as "no progress".
func (b *Bar) Func() func(done, total int) {
	if b == nil {
		return nil
	}
	return func(done, total int) { b.Set(done, total) }
}

// Spin runs f while a spinner named name turns on w (when w is a
// terminal) and returns f's error.
func Spin(w io.Writer, name string, f func() error) error {
	g := New(w)
	s := g.Spinner(name)
	err := f()
	s.Done()
	g.Wait()
	return err
}

// Count returns a callback that draws a bar named name on w (when w is a
// terminal) from the (done, total) it is called with, and a function to
// call when the work is over. total is the expected total until the
// first call (0 when not known yet). The callback is nil when w is not a
// terminal.
func Count(w io.Writer, name string, total int) (update func(done, total int), finish func()) {
	g := New(w)
	if g == nil {
		return nil, func() {}
	}
	b := g.Bar(name, total)
	return b.Func(), func() { b.Done(); g.Wait() }
}
