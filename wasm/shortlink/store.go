package shortlink

// Store holds links: canonical scenario JSON under a key. The handler
// gives put-if-absent semantics on top of it (Get, then Put only when
// absent), which is all Workers KV offers: it has no conditional put.
// Two racing creates of one ID write the same bytes, so the race is
// harmless.
type Store interface {
	// Get returns the value under key; ok is false when there is none.
	Get(key string) (value string, ok bool, err error)
	// Put stores value under key.
	Put(key, value string) error
}

// kvNull is what syumai/workers' kv.Namespace.GetString returns, with a
// nil error, for a missing key: the JavaScript null of KV's get, turned
// into a Go string by js.Value.String.
const kvNull = "<null>"

// KVStore adapts a Workers KV namespace (syumai/workers'
// kv.Namespace.GetString and PutString, options left out) to Store. It is
// plain functions so the adapter is tested natively; only the worker's
// main touches the real namespace.
type KVStore struct {
	GetString func(key string) (string, error)
	PutString func(key, value string) error
}

// Get reads key, turning KV's "<null>" into not found.
func (s KVStore) Get(key string) (string, bool, error) {
	v, err := s.GetString(key)
	if err != nil {
		return "", false, err
	}
	if v == kvNull {
		return "", false, nil
	}
	return v, true, nil
}

// Put writes key with no expiry: a link lives as long as the namespace.
func (s KVStore) Put(key, value string) error { return s.PutString(key, value) }
