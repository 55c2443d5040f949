// Package scenarios holds the scenario files shipped with removalsim,
// embedded in the binary so that "removalsim run" works from any
// directory:
//
//   - baseline-2025.yaml: the system as of early 2025;
//   - fy2012.yaml: fiscal year 2012, the peak of removals, to check the
//     model against history;
//   - target-1m.yaml: a resource mix aimed at a million removals a year;
//   - fy2025.yaml: FY2025 and FY2026 as they happened, from 1 October
//     2024, for the out-of-time test of package regime;
//   - policy-variants/*.yaml: one policy change each, extending the
//     baseline.
//
// Read them with scenario.Load, which follows their extends chains:
//
//	s, err := scenario.Load(scenarios.FS, "policy-variants/doubled-judges.yaml")
package scenarios

import "embed"

// FS holds the shipped scenario files, at the paths above.
//
//go:embed *.yaml policy-variants/*.yaml studies/*.yaml
var FS embed.FS
