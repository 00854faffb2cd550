package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/gigbot/gigbot"
)

// Result limits of Search.
const (
	defaultLimit = 10
	maxLimit     = 100
)

// Search returns the ids of the open postings matching q, best first:
// by text score when q.Text is set, then nearest to q.Near when set, then
// newest.
//
// Every given criterion must hold, with two leniencies: a posting matches
// q.District or the circle of q.RadiusKm around q.Near, either one; and a
// posting whose pay cannot be compared per day (面议, piece rates) passes
// q.MinPay, because many real postings never state pay and the worker
// should still see them. Text must match every word (see textQueries).
func (i *Index) Search(ctx context.Context, q gigbot.SearchQuery) ([]int64, error) {
	req := bleve.NewSearchRequestOptions(i.buildQuery(q), limit(q.Limit), 0, false)
	req.SortByCustom(sortOrder(q))
	if !hasText(q.Text) {
		req.Score = bleve.ScoreNone // filters only: skip scoring
	}

	i.mu.RLock()
	defer i.mu.RUnlock()
	if i.idx == nil {
		return nil, errClosed
	}
	res, err := i.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search postings: %w", err)
	}
	ids := make([]int64, 0, len(res.Hits))
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("search postings: bad document id %q", h.ID)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func limit(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}

// hasText reports whether s has anything the analyzer would keep; a query
// of only spaces or punctuation is treated as no text rather than as a
// text that matches nothing.
func hasText(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// buildQuery turns q into a conjunction of filters. Absent-field cases
// (no expiry, unknown pay) are handled by excluding the failing range
// instead of requiring the passing one, so a missing value passes.
func (i *Index) buildQuery(q gigbot.SearchQuery) query.Query {
	b := query.NewBooleanQuery(nil, nil, nil)
	b.AddMust(term(fieldStatus, string(gigbot.PostingOpen)))

	if !q.OpenAt.IsZero() {
		// Open at OpenAt means expires > OpenAt: drop expires <= OpenAt.
		inclusive := true
		expired := query.NewDateRangeInclusiveQuery(time.Time{}, q.OpenAt, nil, &inclusive)
		expired.SetField(fieldExpires)
		b.AddMustNot(expired)
	}
	if q.MinPay > 0 {
		below, exclusive := float64(q.MinPay), false
		underpaid := query.NewNumericRangeInclusiveQuery(nil, &below, nil, &exclusive)
		underpaid.SetField(fieldPayDaily)
		b.AddMustNot(underpaid)
	}
	if len(q.Skills) > 0 {
		skills := make([]query.Query, len(q.Skills))
		for k, s := range q.Skills {
			skills[k] = term(fieldSkills, s)
		}
		b.AddMust(query.NewDisjunctionQuery(skills))
	}
	var where []query.Query
	if q.District != "" {
		where = append(where, term(fieldDistrict, q.District))
	}
	if near(q) {
		dist := strconv.FormatFloat(q.RadiusKm, 'f', -1, 64) + "km"
		g := query.NewGeoDistanceQuery(q.Near.Lon, q.Near.Lat, dist)
		g.SetField(fieldGeo)
		where = append(where, g)
	}
	if len(where) > 0 {
		b.AddMust(query.NewDisjunctionQuery(where))
	}
	for _, w := range i.textQueries(q.Text) {
		b.AddMust(w)
	}
	return b
}

func near(q gigbot.SearchQuery) bool { return !q.Near.IsZero() && q.RadiusKm > 0 }

func term(field, value string) query.Query {
	t := query.NewTermQuery(value)
	t.SetField(field)
	return t
}

// sortOrder ranks by relevance when there is text, then by distance when
// a place is given, then newest first.
func sortOrder(q gigbot.SearchQuery) search.SortOrder {
	var order search.SortOrder
	if hasText(q.Text) {
		order = append(order, &search.SortScore{Desc: true})
	}
	if !q.Near.IsZero() {
		// Near without a radius still orders; postings without a location
		// come last.
		g, err := search.NewSortGeoDistance(fieldGeo, "m", q.Near.Lon, q.Near.Lat, false)
		if err == nil { // err only reports an unknown unit
			order = append(order, g)
		}
	}
	order = append(order,
		&search.SortField{Field: fieldCreated, Type: search.SortFieldAsDate, Desc: true},
		&search.SortDocID{}, // stable order for equal times
	)
	return order
}

// textQueries returns one query per word of text (a run of letters and
// digits), each of which must match.
//
// A word is analyzed into bigrams (a lone character stays a unigram), and
// a posting matches the word when it has all but a third of them. OR over
// the pairs would let one shared pair match ("河西保洁" finding every job
// in 河西); AND over them fails on what people type without spaces: "河西保洁" yields
// the pair 西保, which "河西区招保洁" lacks. Two-pair words such as
// "电焊工" still need both.
func (i *Index) textQueries(text string) []query.Query {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	qs := make([]query.Query, 0, len(words))
	for _, w := range words {
		var terms []query.Query
		seen := map[string]bool{}
		for _, tok := range i.queryAnalyzer.Analyze([]byte(w)) {
			if t := string(tok.Term); !seen[t] {
				seen[t] = true
				terms = append(terms, term(fieldText, t))
			}
		}
		if len(terms) == 0 {
			continue
		}
		d := query.NewDisjunctionQuery(terms)
		d.SetMin(float64(len(terms) - len(terms)/3))
		qs = append(qs, d)
	}
	return qs
}
