package index

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk" // registers cjk_width and cjk_bigram
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/gigbot/gigbot"
)

// mappingVersion is recorded in the index's internal storage once a build
// completes. Bump it whenever newMapping or document changes: an index
// with another version (or none, after an interrupted build) is rebuilt.
const mappingVersion = "1"

// versionKey is the internal-storage key holding mappingVersion.
var versionKey = []byte("gigbot.mapping_version")

// Field names of an indexed posting.
const (
	fieldText      = "text"      // title, original text, district and street
	fieldSkills    = "skills"    // skill codes, exact
	fieldDistrict  = "district"  // official district name, exact
	fieldStreet    = "street"    // street name, exact
	fieldGeo       = "geo"       // posting location
	fieldPayDaily  = "pay_daily" // best daily pay in yuan; absent when not comparable
	fieldPayUnit   = "pay_unit"  // hour, day, month, piece; absent when unknown
	fieldHeadcount = "headcount" // absent when not stated
	fieldCreated   = "created"
	fieldExpires   = "expires" // absent when the posting has no end
	fieldStatus    = "status"
)

// Analyzer names. Text is indexed with unigrams and bigrams, but queried
// with bigrams only (and a unigram for a lone character): a query of
// "电焊工" then asks for 电焊 and 焊工 rather than also for 工, which
// nearly every posting contains, while "洁" alone still finds 保洁.
// See textQueries for how the query terms are combined.
const (
	analyzerIndex   = "gigbot_zh"
	analyzerQuery   = "gigbot_zh_query"
	filterUnigrams  = "gigbot_cjk_bigram_unigram"
	defaultAnalyzer = keyword.Name
)

// newMapping describes how a posting document is indexed. Nothing is
// stored: the index answers with ids and the store holds the postings.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	err := im.AddCustomTokenFilter(filterUnigrams, map[string]any{
		"type":           cjk.BigramName,
		"output_unigram": true,
	})
	if err != nil {
		return nil, err
	}
	for _, a := range []struct{ name, bigram string }{
		{analyzerIndex, filterUnigrams},
		{analyzerQuery, cjk.BigramName},
	} {
		err := im.AddCustomAnalyzer(a.name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     unicode.Name,
			"token_filters": []string{cjk.WidthName, lowercase.Name, a.bigram},
		})
		if err != nil {
			return nil, err
		}
	}
	im.DefaultAnalyzer = defaultAnalyzer
	// Only mapped fields are indexed; unknown keys would be a bug.
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	doc := mapping.NewDocumentStaticMapping()
	text := field(mapping.NewTextFieldMapping())
	text.Analyzer = analyzerIndex
	doc.AddFieldMappingsAt(fieldText, text)
	for _, name := range []string{fieldSkills, fieldDistrict, fieldStreet, fieldPayUnit, fieldStatus} {
		kw := field(mapping.NewKeywordFieldMapping())
		doc.AddFieldMappingsAt(name, kw)
	}
	for _, name := range []string{fieldPayDaily, fieldHeadcount} {
		doc.AddFieldMappingsAt(name, field(mapping.NewNumericFieldMapping()))
	}
	created := field(mapping.NewDateTimeFieldMapping())
	created.DocValues = true // sorted on: newest first
	doc.AddFieldMappingsAt(fieldCreated, created)
	doc.AddFieldMappingsAt(fieldExpires, field(mapping.NewDateTimeFieldMapping()))
	geo := field(mapping.NewGeoPointFieldMapping())
	geo.DocValues = true // sorted on: nearest first
	doc.AddFieldMappingsAt(fieldGeo, geo)
	im.DefaultMapping = doc
	return im, im.Validate()
}

// field trims a field mapping to what search needs: no stored values, no
// term vectors (no phrases or highlighting), no _all composite field and
// no doc values unless the field is sorted on.
func field(f *mapping.FieldMapping) *mapping.FieldMapping {
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// docID is the document id of posting id.
func docID(id int64) string { return strconv.FormatInt(id, 10) }

// document is the indexed form of p. Unknown values are left out rather
// than zero, so that range filters can tell "unknown" from "0".
func document(p gigbot.Posting) map[string]any {
	d := map[string]any{
		fieldText:   postingText(p),
		fieldStatus: string(p.Status),
	}
	if len(p.Skills) > 0 {
		d[fieldSkills] = p.Skills
	}
	if p.Place.District != "" {
		d[fieldDistrict] = p.Place.District
	}
	if p.Place.Street != "" {
		d[fieldStreet] = p.Place.Street
	}
	if !p.Place.Point.IsZero() {
		d[fieldGeo] = []float64{p.Place.Point.Lon, p.Place.Point.Lat} // bleve wants [lon, lat]
	}
	if yuan, ok := p.Pay.DailyMax(); ok {
		d[fieldPayDaily] = yuan
	}
	if p.Pay.Known() {
		d[fieldPayUnit] = string(p.Pay.Unit)
	}
	if p.Headcount > 0 {
		d[fieldHeadcount] = p.Headcount
	}
	if !p.CreatedAt.IsZero() {
		d[fieldCreated] = p.CreatedAt
	}
	if !p.ExpiresAt.IsZero() {
		d[fieldExpires] = p.ExpiresAt
	}
	return d
}

// postingText is what free-text search looks in. The place names are
// included so "保洁 河西" finds a cleaning job in 河西区 whose text does
// not repeat the district. Lines keep bigrams from spanning two parts.
func postingText(p gigbot.Posting) string {
	parts := make([]string, 0, 4)
	for _, s := range []string{p.Title, p.Text, p.Place.District, p.Place.Street} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}
