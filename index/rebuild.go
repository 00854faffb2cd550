package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/gigbot/gigbot"
)

// batchSize is how many postings a rebuild writes per Bleve batch: large
// enough to amortize segment creation, small enough to bound memory.
const batchSize = 1000

// Rebuild replaces the index's contents with the open postings of source.
//
// It builds a fresh index beside the live one (dir+".rebuild"), so that
// searches keep being answered meanwhile and a crash leaves the live index
// whole; Puts and Deletes made during the build are replayed into the new
// index before it takes the live one's place.
func (i *Index) Rebuild(ctx context.Context, source Source) error {
	if source == nil {
		return errors.New("rebuild index: no source of postings")
	}
	i.rebuildMu.Lock()
	defer i.rebuildMu.Unlock()
	start := time.Now()
	tmp := i.dir + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("rebuild index: mapping: %w", err)
	}
	fresh, err := bleve.NewUsing(tmp, m, scorch.Name, bleve.Config.DefaultKVStore, runtimeConfig())
	if err != nil {
		return fmt.Errorf("rebuild index: create %s: %w", tmp, err)
	}
	discard := func(err error) error {
		i.setJournal(nil)
		_ = fresh.Close()
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("rebuild index: %w", err)
	}

	// Journal from before the first read of source: a write racing with
	// the read is then either in what source returns or in the journal.
	i.setJournal(&[]write{})
	n, err := fill(ctx, fresh, source)
	if err != nil {
		return discard(err)
	}

	i.mu.Lock()
	defer i.mu.Unlock()
	if i.closed {
		return discard(errClosed)
	}
	journal := i.setJournal(nil)
	if err := replay(fresh, journal); err != nil {
		return discard(err)
	}
	// The version marks a complete build; an interrupted one has none.
	if err := fresh.SetInternal(versionKey, []byte(mappingVersion)); err != nil {
		return discard(err)
	}
	if err := fresh.Close(); err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("rebuild index: close %s: %w", tmp, err)
	}
	if err := i.swap(tmp); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	i.log.Info("index rebuilt", slog.String("dir", i.dir), slog.Int("postings", n),
		slog.Duration("took", time.Since(start)))
	return nil
}

// setJournal replaces the journal and returns the previous one.
func (i *Index) setJournal(j *[]write) []write {
	i.journalMu.Lock()
	defer i.journalMu.Unlock()
	old := i.journal
	i.journal = j
	if old == nil {
		return nil
	}
	return *old
}

// fill writes the open postings of source into idx in batches and
// returns how many it wrote.
func fill(ctx context.Context, idx bleve.Index, source Source) (int, error) {
	n := 0
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		err := idx.Batch(b)
		b.Reset()
		return err
	}
	err := source(ctx, func(p gigbot.Posting) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.Status != gigbot.PostingOpen {
			return nil
		}
		if err := b.Index(docID(p.ID), document(p)); err != nil {
			return fmt.Errorf("posting %d: %w", p.ID, err)
		}
		n++
		if b.Size() >= batchSize {
			return flush()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("read postings: %w", err)
	}
	return n, flush()
}

// replay applies writes made to the old index during a rebuild.
func replay(idx bleve.Index, writes []write) error {
	if len(writes) == 0 {
		return nil
	}
	b := idx.NewBatch()
	for _, w := range writes {
		if w.doc == nil {
			b.Delete(w.id)
		} else if err := b.Index(w.id, w.doc); err != nil {
			return err
		}
	}
	return idx.Batch(b)
}

// swap closes the live index, puts the closed index at tmp in its place
// and opens it. The caller holds mu exclusively. A crash between the
// removal and the rename leaves no index, which the next Open rebuilds.
func (i *Index) swap(tmp string) error {
	if i.idx != nil {
		err := i.idx.Close()
		i.idx = nil
		if err != nil && !errors.Is(err, bleve.ErrorIndexClosed) {
			i.log.Warn("close replaced index", slog.String("dir", i.dir), slog.String("cause", err.Error()))
		}
	}
	if err := os.RemoveAll(i.dir); err != nil {
		return err
	}
	if err := os.Rename(tmp, i.dir); err != nil {
		return err
	}
	idx, err := bleve.OpenUsing(i.dir, runtimeConfig())
	if err != nil {
		return err
	}
	i.idx = idx
	return nil
}
