package push

import (
	"context"
	"log/slog"
)

// Expire closes the postings past their end in the store and takes them
// out of the index, and returns how many it closed. Pushes do not depend
// on it (the drain checks each posting's end), but search and the
// employer's list do.
func (p *Pusher) Expire(ctx context.Context) (int, error) {
	ids, err := p.o.Store.ExpirePostings(ctx, p.o.Clock.Now())
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if p.o.Index == nil {
			break
		}
		if err := p.o.Index.Delete(ctx, id); err != nil {
			// The index is rebuilt from the store and filters on the end
			// date itself: a miss here costs nothing visible.
			p.o.Logger.Warn("unindex expired posting", slog.Int64("posting", id), slog.String("error", err.Error()))
		}
	}
	if len(ids) > 0 {
		p.o.Logger.Info("postings expired", slog.Int("count", len(ids)))
	}
	return len(ids), nil
}

func (p *Pusher) expireLogged(ctx context.Context) {
	if _, err := p.Expire(ctx); err != nil && ctx.Err() == nil {
		p.o.Logger.Error("expire postings", slog.String("error", err.Error()))
	}
}
