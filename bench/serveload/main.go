// Command serveload is the load test of "removalsim serve": clients on
// loopback moving the dashboard's sliders as the page does, for a fixed
// time. It prints the latency quantiles, the throughput and the errors;
// bench/serve-load runs it against the real binary and adds the
// server's peak memory.
//
// A client is a person: a drag of -drag moves one slider, and the page
// sends the setting (every lever moved so far) each time the previous
// answer has come, so a dragging client has one request in flight and
// no pause; then the person looks at the charts for -look (exponential)
// before the next drag. With -look 0 every client drags all the time:
// the server's saturation.
//
//	serveload -url http://127.0.0.1:8080 -clients 50 -duration 60s -drag 2s -look 3s
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

// lever is a slider a client moves: its range, step and start, as GET
// /api/scenarios/baseline-2025 gives them.
type lever struct {
	key                   string
	min, max, step, value float64
}

func main() {
	url := flag.String("url", "http://127.0.0.1:8080", "the server")
	clients := flag.Int("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 60*time.Second, "how long to run")
	drag := flag.Duration("drag", 2*time.Second, "length of a drag")
	look := flag.Duration("look", 3*time.Second, "mean pause between drags (exponential; 0 for none)")
	seed := flag.Uint64("seed", 1, "seed of the slider moves")
	flag.Parse()

	levers, err := leversOf(*url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "serveload:", err)
		os.Exit(1)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      []string
		bytesIn   int64
		wg        sync.WaitGroup
	)
	end := time.Now().Add(*duration)
	began := time.Now()
	for c := range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(*seed, uint64(c)))
			moved := map[string]float64{}
			for time.Now().Before(end) {
				// A drag: one slider moves a step or a few per answer.
				l := levers[rng.IntN(len(levers))]
				v, ok := moved[l.key]
				if !ok {
					v = l.value
				}
				dir := float64(1 - 2*rng.IntN(2))
				for stop := time.Now().Add(*drag); time.Now().Before(stop) && time.Now().Before(end); {
					v = min(max(v+dir*float64(1+rng.IntN(3))*l.step, l.min), l.max)
					moved[l.key] = v
					body, _ := json.Marshal(map[string]any{"scenario": "baseline-2025", "levers": moved})
					t0 := time.Now()
					res, err := client.Post(*url+"/api/run", "application/json", bytes.NewReader(body))
					var n int64
					if err == nil {
						n, err = io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if err == nil && res.StatusCode != http.StatusOK {
							err = fmt.Errorf("status %d", res.StatusCode)
						}
					}
					d := time.Since(t0)
					mu.Lock()
					if err != nil {
						errs = append(errs, err.Error())
					} else {
						latencies = append(latencies, d)
						bytesIn += n
					}
					mu.Unlock()
				}
				if *look > 0 {
					time.Sleep(min(time.Duration(rng.ExpFloat64()*float64(*look)), time.Until(end)))
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	slices.Sort(latencies)
	q := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	fmt.Printf("clients %d, %s, drag %s, look %s: %d requests (%.1f/s, %.1f MB/s), %d errors\n",
		*clients, duration.String(), drag.String(), look.String(), len(latencies), float64(len(latencies))/elapsed.Seconds(),
		float64(bytesIn)/elapsed.Seconds()/1e6, len(errs))
	fmt.Printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
		ms(q(0.5)), ms(q(0.9)), ms(q(0.99)), ms(q(1)))
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, "first error:", errs[0])
		os.Exit(1)
	}
}

// leversOf reads the sliders of baseline-2025 from the server.
func leversOf(url string) ([]lever, error) {
	res, err := http.Get(url + "/api/scenarios/baseline-2025")
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var sc struct {
		Levers []struct {
			Key                   string
			Min, Max, Step, Value float64
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&sc); err != nil {
		return nil, err
	}
	var out []lever
	for _, l := range sc.Levers {
		out = append(out, lever{l.Key, l.Min, l.Max, l.Step, l.Value})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no levers at %s", url)
	}
	return out, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
