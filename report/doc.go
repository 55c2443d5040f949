// Package report writes a result.Result for people and for other
// programs: JSON (the whole contract, with the run's manifest) and a text
// table (the summary a reader wants first). The tidy CSV and Parquet
// tables are package tidy's.
//
// Every writer takes an io.Writer and returns the first write error. None
// of them opens files or reads flags; the command line does that. A result
// holding NaN or an infinity is refused with an error naming the first
// such field, because JSON cannot carry it and a reader of a table or a
// spreadsheet would take it for a number.
package report
