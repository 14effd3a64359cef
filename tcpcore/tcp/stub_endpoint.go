package tcp

// STUB: the endpoint implementation replaces this file.

import (
	"time"

	"tcpplayground/tcpcore/wire"
)

// Endpoint is one TCP connection's control block and its state machine.
type Endpoint struct{ cfg Config }

func defaultConfig(p Profile) Config            { return Config{Profile: p} }
func newEndpoint(cfg Config) (*Endpoint, error) { return &Endpoint{cfg: cfg}, nil }

func (e *Endpoint) Listen(now time.Duration, localPort uint16) error              { panic("stub") }
func (e *Endpoint) Connect(now time.Duration, localPort, remotePort uint16) error { panic("stub") }
func (e *Endpoint) Write(now time.Duration, p []byte) (int, error)                { panic("stub") }
func (e *Endpoint) Read(now time.Duration, p []byte) (int, error)                 { panic("stub") }
func (e *Endpoint) Discard(now time.Duration, n int) (int, error)                 { panic("stub") }
func (e *Endpoint) Shutdown(now time.Duration) error                              { panic("stub") }
func (e *Endpoint) Close(now time.Duration) error                                 { panic("stub") }
func (e *Endpoint) Abort(now time.Duration) error                                 { panic("stub") }
func (e *Endpoint) Handle(now time.Duration, seg *wire.Segment)                   { panic("stub") }
func (e *Endpoint) HandleTimeout(now time.Duration)                               { panic("stub") }
func (e *Endpoint) Poll(now time.Duration) (wire.Segment, bool)                   { panic("stub") }
func (e *Endpoint) NextTimeout() (time.Duration, bool)                            { panic("stub") }
func (e *Endpoint) State() State                                                  { panic("stub") }
func (e *Endpoint) Err() error                                                    { panic("stub") }
func (e *Endpoint) SoftErr() error                                                { panic("stub") }
func (e *Endpoint) Snapshot() Snapshot                                            { panic("stub") }
func (e *Endpoint) Readable() int                                                 { panic("stub") }
func (e *Endpoint) Writable() int                                                 { panic("stub") }
