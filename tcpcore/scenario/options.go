package scenario

// optSpec describes one endpoint option: its JSON name, its type and range,
// and where it lives in Options. Decode and Marshal both walk this table,
// so the two cannot disagree, and Marshal writes options in its order.
type optSpec struct {
	name   string
	lo, hi int64    // ints
	enum   []string // enums
	i      func(*Options) **int
	b      func(*Options) **bool
	s      func(*Options) **string
}

const (
	maxMS = int64(10 * 60 * 1000) // ten minutes in milliseconds
	hour  = int64(60 * 60 * 1000)
)

var optSpecs = []optSpec{
	// RFC 9293 §3.7.1: below 64 there is no room for data after 40 bytes of
	// options; 65495 is the IPv4 maximum less the two headers.
	{name: "mss", lo: 64, hi: 65495, i: func(o *Options) **int { return &o.MSS }},
	{name: "sndbuf", lo: 1, hi: MaxBuffer, i: func(o *Options) **int { return &o.SendBuffer }},
	{name: "rcvbuf", lo: 1, hi: MaxBuffer, i: func(o *Options) **int { return &o.RecvBuffer }},
	{name: "sack", b: func(o *Options) **bool { return &o.SACK }},
	{name: "timestamps", b: func(o *Options) **bool { return &o.Timestamps }},
	{name: "wscale", b: func(o *Options) **bool { return &o.WindowScale }},
	{name: "nodelay", b: func(o *Options) **bool { return &o.NoDelay }},
	{name: "delack", b: func(o *Options) **bool { return &o.DelayedACK }},
	// RFC 9293 §3.8.6.3: the delay MUST be less than 0.5 seconds.
	{name: "delack_ms", lo: 1, hi: 499, i: func(o *Options) **int { return &o.DelayedACKMS }},
	{name: "cc", enum: []string{"reno", "cubic"}, s: func(o *Options) **string { return &o.CC }},
	{name: "recovery", enum: []string{"reno", "newreno", "sack"}, s: func(o *Options) **string { return &o.Recovery }},
	{name: "limited_transmit", b: func(o *Options) **bool { return &o.LimitedTransmit }},
	{name: "restart_after_idle", b: func(o *Options) **bool { return &o.RestartAfterIdle }},
	{name: "iw", lo: 0, hi: MaxBuffer, i: func(o *Options) **int { return &o.InitialWindow }},
	{name: "initial_rto_ms", lo: 1, hi: hour, i: func(o *Options) **int { return &o.InitialRTOMS }},
	{name: "min_rto_ms", lo: 1, hi: maxMS, i: func(o *Options) **int { return &o.MinRTOMS }},
	{name: "max_rto_ms", lo: 1, hi: hour, i: func(o *Options) **int { return &o.MaxRTOMS }},
	{name: "syn_retries", lo: 0, hi: 255, i: func(o *Options) **int { return &o.SynRetries }},
	{name: "r1", lo: 0, hi: 1000, i: func(o *Options) **int { return &o.R1 }},
	{name: "r2", lo: 1, hi: 1000, i: func(o *Options) **int { return &o.R2 }},
	{name: "msl_ms", lo: 1, hi: maxMS, i: func(o *Options) **int { return &o.MSLMS }},
	{name: "probe", enum: []string{"new_byte", "old_seq"}, s: func(o *Options) **string { return &o.Probe }},
	{name: "max_persist_ms", lo: 1, hi: hour, i: func(o *Options) **int { return &o.MaxPersistMS }},
	{name: "keepalive", b: func(o *Options) **bool { return &o.KeepAlive }},
	{name: "keepalive_idle_ms", lo: 1, hi: 24 * hour, i: func(o *Options) **int { return &o.KeepAliveIdleMS }},
	{name: "keepalive_interval_ms", lo: 1, hi: 24 * hour, i: func(o *Options) **int { return &o.KeepAliveIntvlMS }},
	{name: "keepalive_probes", lo: 1, hi: 1000, i: func(o *Options) **int { return &o.KeepAliveProbes }},
}
