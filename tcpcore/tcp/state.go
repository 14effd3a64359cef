package tcp

var stateNames = [...]string{
	Closed:      "CLOSED",
	Listen:      "LISTEN",
	SynSent:     "SYN-SENT",
	SynReceived: "SYN-RECEIVED",
	Established: "ESTABLISHED",
	FinWait1:    "FIN-WAIT-1",
	FinWait2:    "FIN-WAIT-2",
	CloseWait:   "CLOSE-WAIT",
	Closing:     "CLOSING",
	LastAck:     "LAST-ACK",
	TimeWait:    "TIME-WAIT",
}

// NumStates is the number of connection states.
const NumStates = int(TimeWait) + 1

// String returns RFC 9293's spelling of the state, e.g. "SYN-SENT".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "State(?)"
}

// synchronized reports whether the state is one of RFC 9293 §3.5's
// synchronized states (a connection exists and both sequence numbers are known).
func (s State) synchronized() bool { return s >= Established }

// Transition is one arrow of the connection state diagram: From → To on
// Event, written as in RFC 9293 §3.3.2 Figure 5 ("rcv SYN / snd SYN,ACK").
// InFigure is false for the transitions the RFC describes in §3.10 but does
// not draw (resets, aborts, timeouts).
type Transition struct {
	From, To State
	Event    string
	InFigure bool
}

// Transitions is the state diagram as data: every state change the endpoint
// can make is one of these rows (a test checks it), so the page's diagram
// and the code cannot drift apart.
var Transitions = []Transition{
	// RFC 9293 Figure 5.
	{Closed, Listen, "passive OPEN / create TCB", true},
	{Closed, SynSent, "active OPEN / snd SYN", true},
	{Listen, Closed, "CLOSE / delete TCB", true},
	{Listen, SynReceived, "rcv SYN / snd SYN,ACK", true},
	{SynSent, Closed, "CLOSE / delete TCB", true},
	{SynSent, SynReceived, "rcv SYN / snd SYN,ACK", true},
	{SynSent, Established, "rcv SYN,ACK / snd ACK", true},
	{SynReceived, Established, "rcv ACK of SYN", true},
	{SynReceived, FinWait1, "CLOSE / snd FIN", true},
	{SynReceived, Listen, "rcv RST (passive OPEN)", true},
	{Established, FinWait1, "CLOSE / snd FIN", true},
	{Established, CloseWait, "rcv FIN / snd ACK", true},
	{FinWait1, FinWait2, "rcv ACK of FIN", true},
	{FinWait1, Closing, "rcv FIN / snd ACK", true},
	{FinWait2, TimeWait, "rcv FIN / snd ACK", true},
	{CloseWait, LastAck, "CLOSE / snd FIN", true},
	{Closing, TimeWait, "rcv ACK of FIN", true},
	{LastAck, Closed, "rcv ACK of FIN", true},
	{TimeWait, Closed, "Timeout=2MSL / delete TCB", true},

	// RFC 9293 §3.10.7.3: RST acknowledging our SYN, or the SYN retries ran out.
	{SynSent, Closed, "rcv RST / connection refused", false},
	{SynSent, Closed, "timeout (SYN retries)", false},
	{SynReceived, Closed, "rcv RST (active OPEN)", false},
	{SynReceived, Closed, "timeout (SYN retries)", false},
	{SynReceived, Closed, "ABORT / snd RST", false},
	{Listen, Closed, "ABORT", false},
	{SynSent, Closed, "ABORT", false},
	// RFC 9293 §3.10.7.4 RST step and §3.10.5 ABORT; §3.8.3 R2.
	{Established, Closed, "rcv RST", false},
	{FinWait1, Closed, "rcv RST", false},
	{FinWait2, Closed, "rcv RST", false},
	{CloseWait, Closed, "rcv RST", false},
	{Closing, Closed, "rcv RST", false},
	{LastAck, Closed, "rcv RST", false},
	{TimeWait, Closed, "rcv RST", false},
	{Established, Closed, "ABORT / snd RST", false},
	{FinWait1, Closed, "ABORT / snd RST", false},
	{FinWait2, Closed, "ABORT / snd RST", false},
	{CloseWait, Closed, "ABORT / snd RST", false},
	{Closing, Closed, "ABORT", false},
	{LastAck, Closed, "ABORT", false},
	{TimeWait, Closed, "ABORT", false},
	{Established, Closed, "timeout (R2)", false},
	{FinWait1, Closed, "timeout (R2)", false},
	{FinWait2, Closed, "timeout (keepalive)", false},
	{CloseWait, Closed, "timeout (R2)", false},
	{Closing, Closed, "timeout (R2)", false},
	{LastAck, Closed, "timeout (R2)", false},
}

// HasTransition reports whether the state table has an arrow from → to.
func HasTransition(from, to State) bool {
	for _, t := range Transitions {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}
