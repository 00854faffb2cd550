package index

import (
	"context"
	"fmt"

	"github.com/gigbot/gigbot"
)

// PutMany adds or replaces many postings, batchSize to a Bleve batch, with
// Put's rule for each (only open postings are kept; any other status
// deletes). One Put is one batch, and a batch costs a segment and a wait
// for it to be persisted, so loading thousands of postings one Put at a
// time is some thirty times slower. Each batch is atomic; on an error the
// batches before it stay written.
func (i *Index) PutMany(ctx context.Context, ps []gigbot.Posting) error {
	ws := make([]write, 0, min(len(ps), batchSize))
	for k, p := range ps {
		w := write{id: docID(p.ID)}
		if p.Status == gigbot.PostingOpen {
			w.doc = document(p)
		}
		ws = append(ws, w)
		if len(ws) == batchSize || k == len(ps)-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := i.applyBatch(ws); err != nil {
				return fmt.Errorf("index postings %d to %d: %w", ps[k+1-len(ws)].ID, p.ID, err)
			}
			ws = ws[:0]
		}
	}
	return nil
}

// applyBatch writes ws as one batch and, during a Rebuild, journals them
// while still holding the read lock, as apply does for one write.
func (i *Index) applyBatch(ws []write) error {
	i.mu.RLock()
	defer i.mu.RUnlock()
	if i.idx == nil {
		return errClosed
	}
	b := i.idx.NewBatch()
	for _, w := range ws {
		if w.doc == nil {
			b.Delete(w.id)
		} else if err := b.Index(w.id, w.doc); err != nil {
			return err
		}
	}
	err := i.idx.Batch(b)
	i.journalMu.Lock()
	if i.journal != nil {
		*i.journal = append(*i.journal, ws...)
	}
	i.journalMu.Unlock()
	return err
}
