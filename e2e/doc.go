// Package e2e holds end-to-end tests of the simulator's pipeline, from
// scenario text to JSON: parse, validate, compile, both engines, report.
// Its fuzz target, FuzzPipeline, checks the promise that a scenario which
// validates runs: no panic, no error after a clean validation, and a
// result that result.Verify accepts (finite, non-negative, every ledger
// balanced). It has no non-test code.
package e2e
