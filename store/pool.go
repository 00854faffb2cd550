package store

import (
	"context"
	"database/sql"
	"sync"
)

// pool is a database/sql pool that prepares each statement once and keeps
// it. A WeChat callback runs the same five statements every time
// (ClaimCallback, RecordInteraction, Conversation, SaveConversation,
// Worker); with modernc's SQLite, preparing them on every call was most of
// the callback's time. database/sql prepares a kept *sql.Stmt again only
// on a connection that has not seen it yet.
type pool struct {
	*sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	// unprepared turns the keeping off: the baseline of BenchmarkCallback.
	unprepared bool
}

func newPool(db *sql.DB) *pool { return &pool{DB: db, stmts: map[string]*sql.Stmt{}} }

// prepared returns the kept statement for query, preparing it on first use.
func (p *pool) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if p.unprepared {
		return nil, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.stmts[query]; ok {
		return s, nil
	}
	s, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = s
	return s, nil
}

func (p *pool) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if p.unprepared {
		return p.DB.ExecContext(ctx, query, args...)
	}
	s, err := p.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (p *pool) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if p.unprepared {
		return p.DB.QueryContext(ctx, query, args...)
	}
	s, err := p.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// begin begins a write transaction whose statements are the kept ones
// for queries, prepared first: preparing inside it would wait for the
// embedded store's one writer connection, which the transaction holds.
func (p *pool) begin(ctx context.Context, queries ...string) (*stmtTx, error) {
	t := &stmtTx{ctx: ctx, stmts: make(map[string]*sql.Stmt, len(queries))}
	for _, q := range queries {
		s, err := p.prepared(ctx, q)
		if err != nil {
			return nil, err
		}
		t.stmts[q] = s
	}
	tx, err := p.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	t.Tx = tx
	return t, nil
}

// stmtTx is a transaction that runs the kept statements begin prepared,
// and any other query as it is.
type stmtTx struct {
	*sql.Tx
	ctx   context.Context
	stmts map[string]*sql.Stmt
}

func (t *stmtTx) exec(query string, args ...any) (sql.Result, error) {
	if s := t.stmts[query]; s != nil {
		return t.StmtContext(t.ctx, s).ExecContext(t.ctx, args...)
	}
	return t.ExecContext(t.ctx, query, args...)
}

func (t *stmtTx) query(query string, args ...any) (*sql.Rows, error) {
	if s := t.stmts[query]; s != nil {
		return t.StmtContext(t.ctx, s).QueryContext(t.ctx, args...)
	}
	return t.QueryContext(t.ctx, query, args...)
}

func (t *stmtTx) queryRow(query string, args ...any) *sql.Row {
	if s := t.stmts[query]; s != nil {
		return t.StmtContext(t.ctx, s).QueryRowContext(t.ctx, args...)
	}
	return t.QueryRowContext(t.ctx, query, args...)
}

// queryRow is QueryRowContext on the kept statement; a statement that does
// not prepare is run unprepared, so that its error reaches Scan.
func (p *pool) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := p.prepared(ctx, query)
	if err != nil || p.unprepared {
		return p.DB.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// Close closes the kept statements and the pool.
func (p *pool) Close() error {
	p.mu.Lock()
	for q, s := range p.stmts {
		s.Close()
		delete(p.stmts, q)
	}
	p.mu.Unlock()
	return p.DB.Close()
}
