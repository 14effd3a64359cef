package tcp

import (
	"errors"
	"strconv"
	"time"

	"tcpplayground/tcpcore/cc"
)

func defaultConfig(p Profile) Config {
	c := Config{
		Profile:           p,
		MSS:               1460,
		SendBufferSize:    64 << 10,
		RecvBufferSize:    64 << 10,
		SACK:              true,
		Timestamps:        true,
		WindowScale:       true,
		DelayedACK:        true,
		DelayedACKTimeout: 200 * time.Millisecond,
		CongestionControl: cc.Reno,
		Recovery:          RecoveryNewReno,
		LimitedTransmit:   true,
		RestartAfterIdle:  true,
		InitialRTO:        time.Second,
		MinRTO:            time.Second,
		MaxRTO:            60 * time.Second,
		SynRetries:        5,
		R1:                3,
		R2:                15,
		MSL:               2 * time.Second,
		ProbeStyle:        ProbeNewByte,
		MaxPersist:        60 * time.Second,
		KeepAliveIdle:     2 * time.Hour,
		KeepAliveInterval: 75 * time.Second,
		KeepAliveProbes:   9,
	}
	if p == ProfileLinux {
		c.SendBufferSize = 128 << 10
		c.RecvBufferSize = 128 << 10
		c.DelayedACKTimeout = 40 * time.Millisecond
		c.CongestionControl = cc.CUBIC
		c.Recovery = RecoverySACK
		c.MinRTO = 200 * time.Millisecond
		c.MaxRTO = 120 * time.Second
		c.SynRetries = 6
		c.ProbeStyle = ProbeOldSeq
		c.MaxPersist = 120 * time.Second
	}
	return c
}

// initialWindow is IW in bytes for a sender MSS of smss: the configured
// value, or the profile's rule (RFC 3390 §1: min(4·MSS, max(2·MSS, 4380));
// RFC 6928: 10·MSS for Linux).
func (c *Config) initialWindow(smss int) int {
	if c.InitialWindow > 0 {
		return c.InitialWindow
	}
	if c.Profile == ProfileLinux {
		return 10 * smss
	}
	return min(4*smss, max(2*smss, 4380))
}

// maxWindow is the largest window RFC 7323 §2.3 lets a shift of 14 express.
const maxWindow = 65535 << 14

func (c *Config) validate() error {
	type intRange struct {
		name      string
		v, lo, hi int
	}
	ints := []intRange{
		{"Profile", int(c.Profile), 0, int(ProfileLinux)},
		// RFC 9293 §3.7.1: an MSS below 64 leaves no room for data after
		// 40 bytes of options; 65495 is the IPv4 maximum less 40 header bytes.
		{"MSS", c.MSS, 64, 65495},
		{"SendBufferSize", c.SendBufferSize, 1, 1 << 30},
		{"RecvBufferSize", c.RecvBufferSize, 1, maxWindow},
		{"CongestionControl", int(c.CongestionControl), 0, int(cc.CUBIC)},
		{"Recovery", int(c.Recovery), 0, int(RecoverySACK)},
		{"InitialWindow", c.InitialWindow, 0, 1 << 30},
		{"SynRetries", c.SynRetries, 0, 255},
		{"R2", c.R2, 1, 1000},
		{"R1", c.R1, 0, c.R2},
		{"ProbeStyle", int(c.ProbeStyle), 0, int(ProbeOldSeq)},
	}
	if c.KeepAlive {
		ints = append(ints, intRange{"KeepAliveProbes", c.KeepAliveProbes, 1, 1000})
	}
	for _, r := range ints {
		if r.v < r.lo || r.v > r.hi {
			return errors.New("tcp: Config." + r.name + " = " + strconv.Itoa(r.v) + ", want " + strconv.Itoa(r.lo) + ".." + strconv.Itoa(r.hi))
		}
	}
	type durRange struct {
		name      string
		v, lo, hi time.Duration
	}
	durs := []durRange{
		{"MinRTO", c.MinRTO, time.Millisecond, 10 * time.Minute},
		{"MaxRTO", c.MaxRTO, c.MinRTO, time.Hour},
		{"InitialRTO", c.InitialRTO, c.MinRTO, c.MaxRTO},
		{"MSL", c.MSL, time.Millisecond, 10 * time.Minute},
		{"MaxPersist", c.MaxPersist, time.Millisecond, time.Hour},
	}
	if c.DelayedACK {
		// RFC 9293 §3.8.6.3: the delay MUST be less than 0.5 seconds.
		durs = append(durs, durRange{"DelayedACKTimeout", c.DelayedACKTimeout, time.Millisecond, 499 * time.Millisecond})
	}
	if c.KeepAlive {
		durs = append(durs,
			durRange{"KeepAliveIdle", c.KeepAliveIdle, time.Millisecond, 24 * time.Hour},
			durRange{"KeepAliveInterval", c.KeepAliveInterval, time.Millisecond, 24 * time.Hour})
	}
	for _, r := range durs {
		if r.v < r.lo || r.v > r.hi {
			return errors.New("tcp: Config." + r.name + " = " + r.v.String() + ", want " + r.lo.String() + ".." + r.hi.String())
		}
	}
	return nil
}
