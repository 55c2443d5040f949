package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/server"
	"github.com/removalsim/removalsim/store"
)

func init() { subcommands = append(subcommands, newServeCmd) }

func newServeCmd() *cobra.Command {
	var (
		addr, db, token string
		cfg             server.Config
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard and the JSON API",
		Long: `Serve runs the dashboard: pages with sliders for the main levers (the flow
engine answers as they move), side-by-side comparison, plans and
sensitivity studies, agent runs as background jobs with progress and
cancel, and a JSON API with the command line's JSON contract, described
at /api/openapi.json. Everything is in this binary; the pages need no
network.

Runs, uploads and jobs are kept in the SQLite file --db. A server killed
at any moment restarts with the store intact; jobs it was running are
marked interrupted.

It listens on loopback by default. Listening on any other address needs
--token (or REMOVALSIM_TOKEN): every request must then carry
"Authorization: Bearer TOKEN", or open the page once with ?token=TOKEN.`,
		Example: `  removalsim serve
  removalsim serve --addr 127.0.0.1:9000 --db runs.db
  REMOVALSIM_TOKEN=$(openssl rand -hex 16) removalsim serve --addr 0.0.0.0:8080`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := intFlag("max-jobs", cfg.MaxJobs, 1, 1000); err != nil {
				return err
			}
			if err := intFlag("job-workers", cfg.JobWorkers, 1, maxWorkers); err != nil {
				return err
			}
			if cfg.MaxBody < 1 || cfg.MaxBody > 64<<20 {
				return badInput(fmt.Errorf("--max-body must be between 1 and %d bytes, got %d", 64<<20, cfg.MaxBody))
			}
			if token == "" {
				token = os.Getenv("REMOVALSIM_TOKEN")
			}
			loop, err := loopback(addr)
			if err != nil {
				return badInput(err)
			}
			if !loop && token == "" {
				return badInput(fmt.Errorf("--addr %s is not a loopback address: set --token (or REMOVALSIM_TOKEN) to listen there", addr))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			st, err := store.Open(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			if st.Interrupted > 0 {
				log.Warn("jobs interrupted by the last stop", "count", st.Interrupted)
			}
			cfg.Store, cfg.Token, cfg.Logger = st, token, log
			srv, err := server.New(cfg)
			if err != nil {
				return err
			}
			defer srv.Close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
				WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
			fmt.Fprintf(cmd.ErrOrStderr(), "removalsim: serving http://%s/ (store %s)\n", ln.Addr(), db)
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	f.StringVar(&db, "db", "removalsim.db", "the run store, a SQLite file (created if missing)")
	f.StringVar(&token, "token", "", "token every request must carry; required beyond loopback (default $REMOVALSIM_TOKEN)")
	f.IntVar(&cfg.MaxJobs, "max-jobs", 8, "jobs queued or running at once; more are refused")
	f.IntVar(&cfg.JobWorkers, "job-workers", 1, "jobs run at once")
	f.Int64Var(&cfg.MaxBody, "max-body", 1<<20, "largest request body, bytes")
	return cmd
}

// loopback reports whether addr (host:port) listens on loopback only.
func loopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}
