package agent

import (
	"fmt"
	"syscall"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"testing"
	"time"
	"unsafe"
)

// cpuTime returns the process's user and system time: the machine is
// shared, so events per CPU second compare better than per wall second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAgentBaseline runs one replication of baseline-2025 at 10%
// scale (48 months) and reports model events per second and the bytes
// held per materialised case at the peak (records, queues, calendars).
func BenchmarkAgentBaseline(b *testing.B) {
	benchmarkBaseline(b, smallBaseline(b).Scaled(10)) // 1% × 10 = 10%
}

// BenchmarkAgentBaselineFull is the same at national scale (about 16
// million people, 12 million events a run).
func BenchmarkAgentBaselineFull(b *testing.B) {
	benchmarkBaseline(b, smallBaseline(b).Scaled(100))
}

func benchmarkBaseline(b *testing.B, m *model.Model) {
	var events int64
	var perCase float64
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		e := newEngine(m, m.Seed, uint64(i), nil)
		for k := 0; k < m.Steps; k++ {
			e.step(k)
		}
		e.t.Result("agent")
		events += e.events
		perCase = float64(e.bytes()) / float64(e.peakLive)
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(events)/cpu.Seconds(), "events/cpu-s")
	}
	b.ReportMetric(perCase, "B/case")
	b.ReportMetric(float64(unsafe.Sizeof(kase{})), "B/record")
}

// BenchmarkTakeGroups takes x people from a counted stock of a
// million people or more spread unevenly over the groups, for the
// choice between picks and binomials (pickGroups).
func BenchmarkTakeGroups(b *testing.B) {
	m := smallBaseline(b)
	for _, x := range []int64{1, 4, 8, 12, 16, 32} {
		b.Run(fmt.Sprint(x), func(b *testing.B) {
			e := newEngine(m, 1, 0, nil)
			s := procedure.FinalOrder
			for i := 0; i < b.N; i++ {
				if e.n[s] < 1e6 {
					e.n[s] = 0
					for g := range e.ng[s] {
						e.ng[s][g], e.since[s][g] = int64(g+1)*1e5, 0
						e.n[s] += e.ng[s][g]
					}
				}
				e.takeGroups(&e.ds[sGroupOf], s, x, 0)
			}
		})
	}
}
