package telegram

import "sync"

// userQueues runs jobs one at a time per user, in the order pushed, and
// jobs of different users in parallel. A user's goroutine lives only while
// that user has jobs, so idle users cost nothing.
type userQueues struct {
	mu sync.Mutex
	// jobs holds each busy user's waiting jobs; a key is present exactly
	// while a goroutine drains it.
	jobs map[string][]func()
	wg   sync.WaitGroup
}

func newUserQueues() *userQueues {
	return &userQueues{jobs: map[string][]func(){}}
}

// push queues job behind the user's earlier jobs.
func (q *userQueues) push(user string, job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	waiting, busy := q.jobs[user]
	q.jobs[user] = append(waiting, job)
	if !busy {
		q.wg.Add(1)
		go q.drain(user)
	}
}

func (q *userQueues) drain(user string) {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		waiting := q.jobs[user]
		if len(waiting) == 0 {
			delete(q.jobs, user)
			q.mu.Unlock()
			return
		}
		job := waiting[0]
		waiting[0] = nil // let the finished job's update be collected
		q.jobs[user] = waiting[1:]
		q.mu.Unlock()
		job()
	}
}

// wait returns when every queued job has run. Nothing may be pushed once
// wait has been called.
func (q *userQueues) wait() { q.wg.Wait() }
