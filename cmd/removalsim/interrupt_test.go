package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the command: with
// REMOVALSIM_AS_COMMAND=1 it runs main on its arguments, so tests can
// send it signals as a user would.
func TestMain(m *testing.M) {
	if os.Getenv("REMOVALSIM_AS_COMMAND") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestInterrupt starts a long agent run, interrupts it as Ctrl-C does,
// and checks that it exits 130 with nothing on stdout.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process")
	}
	cmd := exec.Command(os.Args[0], "run", "--engine", "agent", "--runs", "100", "--format", "json")
	cmd.Env = append(os.Environ(), "REMOVALSIM_AS_COMMAND=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Let it start working; the run takes far longer than this.
	time.Sleep(2 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v, want %d; stderr:\n%s", err, exitInterrupted, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("an interrupted run wrote %d bytes to stdout", stdout.Len())
	}
	if !bytes.Contains(stderr.Bytes(), []byte("interrupted; nothing written")) {
		t.Errorf("stderr lacks the interruption message:\n%s", stderr.String())
	}
}
