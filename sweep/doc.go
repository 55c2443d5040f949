// Package sweep runs studies of many scenario variants: a grid, a Latin
// hypercube or a Sobol' sequence over parameters, Monte Carlo over their
// ranges with replications, or a Sobol sensitivity study (the Saltelli
// design of package sensitivity), and writes one tidy table of outcomes.
//
// A study is described by a sweep file (Parse). Its design points are
// fixed by the file alone, and each run's random seed by the point and
// the replication, so that the work can be cut into shards run anywhere
// (one process, many processes, a Kubernetes Indexed Job) and merged into
// the same bytes:
//
//   - the runs (point × replication) are cut into batches of a fixed
//     size; a shard runs a contiguous range of batches;
//   - each batch is written as one part file, atomically, when it is done,
//     so that a shard that crashes resumes at the first missing batch;
//   - Merge reads the parts in batch order and writes the table (CSV and
//     Parquet), and for a sensitivity study the indices.
//
// Package sweep does no I/O of its own: files are read and written
// through a Store, which the command implements on a directory.
package sweep
