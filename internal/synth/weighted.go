package synth

import (
	"math/rand/v2"
	"sort"
)

// weighted draws values with probability proportional to their weight.
type weighted[T any] struct {
	vals []T
	cum  []float64 // running total of weights
}

func (w *weighted[T]) add(v T, weight float64) {
	total := weight
	if n := len(w.cum); n > 0 {
		total += w.cum[n-1]
	}
	w.vals = append(w.vals, v)
	w.cum = append(w.cum, total)
}

func (w *weighted[T]) pick(r *rand.Rand) T {
	f := r.Float64() * w.cum[len(w.cum)-1]
	return w.vals[sort.SearchFloat64s(w.cum, f)]
}
