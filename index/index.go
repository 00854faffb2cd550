// Package index is gigbot's full-text and geo index of postings, on Bleve.
// It implements gigbot.Index and is the only package that imports bleve.
//
// The index holds only open postings and only what search needs; the store
// stays the source of truth, and the index is rebuilt from it whenever it
// is missing, unreadable or of an older mapping.
package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/gigbot/gigbot"
)

// lockTimeout bounds the wait for the index's file lock. Without it a
// second process opening the same data_dir (gigbot chat beside gigbot
// serve) would hang forever instead of failing.
const lockTimeout = time.Second

// Source calls fn for every posting; the store's Postings method is one.
type Source func(ctx context.Context, fn func(gigbot.Posting) error) error

// Index is a Bleve index of open postings at one directory. It is safe
// for concurrent use.
type Index struct {
	dir string
	log *slog.Logger
	// queryAnalyzer splits search text into terms; it is stateless.
	queryAnalyzer analysis.Analyzer

	// rebuildMu lets one Rebuild run at a time.
	rebuildMu sync.Mutex

	// mu guards idx: Put, Delete and Search share it (bleve serializes
	// writes itself); Rebuild's swap and Close take it exclusively.
	mu     sync.RWMutex
	idx    bleve.Index
	closed bool

	// journal, while a Rebuild runs, collects the writes made to the old
	// index so they can be replayed into the new one before the swap.
	journalMu sync.Mutex
	journal   *[]write
}

// write is one Put (doc set) or Delete (doc nil) to replay.
type write struct {
	id  string
	doc map[string]any
}

var _ gigbot.Index = (*Index)(nil)

var errClosed = errors.New("index is closed")

// errVersion reports an index built with another mapping.
type errVersion struct{ got string }

func (e errVersion) Error() string {
	return fmt.Sprintf("mapping version %q, want %q", e.got, mappingVersion)
}

// Open opens the index at dir. When dir does not exist it creates the
// index and fills it from source. When dir cannot be opened or holds an
// index of another mapping version, it logs why, moves dir aside to
// dir+".broken" and rebuilds. An index held by another process is an
// error, never a reason to rebuild.
func Open(ctx context.Context, dir string, source Source, logger *slog.Logger) (*Index, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("open index: mapping: %w", err)
	}
	i := &Index{dir: dir, log: logger, queryAnalyzer: m.AnalyzerNamed(analyzerQuery)}
	idx, err := openDir(dir)
	switch {
	case err == nil:
		i.idx = idx
		return i, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("open index %s: locked by another process: %w", dir, err)
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		// First start: nothing to report.
	default:
		logger.Warn("index unreadable, rebuilding", slog.String("dir", dir), slog.String("cause", err.Error()))
		if err := moveAside(dir); err != nil {
			return nil, err
		}
	}
	if err := i.Rebuild(ctx, source); err != nil {
		return nil, err
	}
	return i, nil
}

// runtimeConfig is passed to bleve whenever an index is opened or created.
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": lockTimeout.String()}
}

// openDir opens an existing index and checks that a build with the
// current mapping completed in it.
func openDir(dir string) (bleve.Index, error) {
	idx, err := bleve.OpenUsing(dir, runtimeConfig())
	if err != nil {
		return nil, err
	}
	v, err := idx.GetInternal(versionKey)
	if err == nil && string(v) != mappingVersion {
		err = errVersion{got: string(v)}
	}
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	return idx, nil
}

// moveAside keeps the last unreadable index for inspection, replacing an
// older one, and falls back to removing it.
func moveAside(dir string) error {
	broken := dir + ".broken"
	if err := os.RemoveAll(broken); err == nil {
		if err := os.Rename(dir, broken); err == nil {
			return nil
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove unreadable index %s: %w", dir, err)
	}
	return nil
}

// Close closes the index. Further calls fail; a running Rebuild is
// abandoned when it finishes.
func (i *Index) Close() error {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.closed {
		return nil
	}
	i.closed = true
	if i.idx == nil {
		return nil
	}
	err := i.idx.Close()
	i.idx = nil
	if err != nil {
		return fmt.Errorf("close index %s: %w", i.dir, err)
	}
	return nil
}

// Count returns how many postings are indexed, for health checks and
// metrics.
func (i *Index) Count() (uint64, error) {
	i.mu.RLock()
	defer i.mu.RUnlock()
	if i.idx == nil {
		return 0, errClosed
	}
	n, err := i.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count index: %w", err)
	}
	return n, nil
}

// Put adds or replaces p. Only open postings are kept: Put with any other
// status (review, rejected, closed) deletes the posting, so callers simply
// Put again after every status change.
func (i *Index) Put(ctx context.Context, p gigbot.Posting) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := write{id: docID(p.ID)}
	if p.Status == gigbot.PostingOpen {
		w.doc = document(p)
	}
	if err := i.apply(w); err != nil {
		return fmt.Errorf("index posting %d: %w", p.ID, err)
	}
	return nil
}

// Delete removes the posting with id; deleting an absent one is no error.
func (i *Index) Delete(ctx context.Context, id int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := i.apply(write{id: docID(id)}); err != nil {
		return fmt.Errorf("unindex posting %d: %w", id, err)
	}
	return nil
}

// apply writes w to the current index and, during a Rebuild, journals it
// while still holding the read lock, so the swap cannot miss it.
func (i *Index) apply(w write) error {
	i.mu.RLock()
	defer i.mu.RUnlock()
	if i.idx == nil {
		return errClosed
	}
	var err error
	if w.doc != nil {
		err = i.idx.Index(w.id, w.doc)
	} else {
		err = i.idx.Delete(w.id)
	}
	i.journalMu.Lock()
	if i.journal != nil {
		*i.journal = append(*i.journal, w)
	}
	i.journalMu.Unlock()
	return err
}
