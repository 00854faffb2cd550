package bot

import (
	"context"
	"sync"
)

// userLocks serialises the messages of each user, so two quick messages
// (or a channel that retries) never both read the same conversation and
// overwrite each other's answer, while other users go on in parallel.
// Entries exist only while someone holds or waits for them.
type userLocks struct {
	mu    sync.Mutex
	locks map[string]*userLock
}

type userLock struct {
	held chan struct{} // holds one token while a message of the user is handled
	refs int           // holders and waiters; the entry is dropped at zero
}

// lock waits for the user's turn, or for ctx to end, and returns the
// function that ends the turn.
func (l *userLocks) lock(ctx context.Context, key string) (unlock func(), err error) {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]*userLock{}
	}
	ul := l.locks[key]
	if ul == nil {
		ul = &userLock{held: make(chan struct{}, 1)}
		l.locks[key] = ul
	}
	ul.refs++
	l.mu.Unlock()

	select {
	case ul.held <- struct{}{}:
		return func() {
			<-ul.held
			l.release(key, ul)
		}, nil
	case <-ctx.Done():
		l.release(key, ul)
		return nil, ctx.Err()
	}
}

func (l *userLocks) release(key string, ul *userLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ul.refs--
	if ul.refs == 0 {
		delete(l.locks, key)
	}
}
