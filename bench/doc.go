// Package bench holds the city-scale benchmarks of issue 5: matching a
// posting against a million standing workers, a full day of postings
// through matching, the daily cap and the outbox, and the memory all of it
// takes. It has no code of its own; the numbers and the commands that
// reproduce them are in the README's Performance section.
package bench
