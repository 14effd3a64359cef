package display

// Role is what an Op shows; a Theme gives each its colour.
type Role uint8

// The roles.
const (
	RoleText    Role = iota // ordinary text
	RoleTextDim             // secondary text: units, captions
	RoleAxis                // axes and tick marks
	RoleGrid                // grid lines
	RoleCursor              // the time cursor
	RoleHost                // an endpoint's time line
	RolePanel               // a box's background (state nodes, legends)
	RoleSideA               // endpoint A's marks (its state, its header)
	RoleSideB               // endpoint B's

	// Segments, coloured by why they were sent.
	RoleSegData        // new data
	RoleSegAck         // a pure ACK (delayed, immediate, window update)
	RoleSegSyn         // SYN, SYN-ACK
	RoleSegFin         // FIN
	RoleSegRst         // RST
	RoleRetransmission // a retransmission after a timeout (RTO)
	RoleFastRetransmit // fast, SACK or partial-ACK retransmission
	RoleProbe          // zero-window probe, keep-alive
	RoleDrop           // a segment lost, and why
	RoleTimer          // a pending timer
	RoleTimerFired     // a timer that expired
	RoleStateNode      // a state of the diagram
	RoleStateActive    // the state an endpoint is in
	RoleStateEdge      // a transition of RFC 9293 Figure 5
	RoleStateEdgeExtra // a transition the figure does not draw (resets, timeouts)
	RoleStateEdgeTaken // the transition just taken
	RoleAcked          // sender: acknowledged bytes
	RoleFlight         // bytes in flight (sent, not acknowledged)
	RoleUsable         // sender: allowed but not yet sent
	RoleNotAllowed     // sender: beyond the window
	RoleDelivered      // receiver: in order, read or waiting for the application
	RoleOutOfOrder     // receiver: held beyond RCV.NXT
	RoleFree           // receiver: free window
	RoleSack           // SACK blocks
	RoleCwnd           // congestion window
	RoleSsthresh       // slow-start threshold
	RoleRwnd           // receive window (the peer's advertised window)
	RoleSRTT           // smoothed RTT
	RoleRTO            // retransmission timeout
	RoleRTTSample      // one RTT sample
	RoleQueue          // bottleneck queue length
	RoleLimitCwnd      // limited by cwnd
	RoleLimitRwnd      // limited by the receive window
	RoleLimitApp       // limited by the application
	RoleLimitLink      // limited by the link
	RoleLimitClosed    // not sending: handshake, closed
	NumRoles
)

var roleNames = [NumRoles]string{
	"text", "text-dim", "axis", "grid", "cursor", "host", "panel", "side-a", "side-b",
	"segment-data", "segment-ack", "segment-syn", "segment-fin", "segment-rst",
	"retransmission", "fast-retransmit", "probe", "drop", "timer", "timer-fired",
	"state", "state-active", "state-edge", "state-edge-extra", "state-edge-taken",
	"acked", "flight", "usable", "not-allowed", "delivered", "out-of-order", "free", "sack",
	"cwnd", "ssthresh", "rwnd", "srtt", "rto", "rtt-sample", "queue",
	"limit-cwnd", "limit-rwnd", "limit-app", "limit-link", "limit-closed",
}

// String returns the role's name, as SVG class names and golden files use it.
func (r Role) String() string {
	if r < NumRoles {
		return roleNames[r]
	}
	return "role?"
}

// Theme maps roles to CSS colours.
type Theme struct {
	Name       string
	Background string
	Color      [NumRoles]string
	// LineScale multiplies every stroke width (thicker for projectors).
	LineScale float64
	// DimAlpha is the opacity of Dim ops; FaintAlpha of Faint fills.
	DimAlpha, FaintAlpha float64
	// Font and MonoFont are CSS font families.
	Font, MonoFont string
}

const (
	sansFonts = `system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif`
	monoFonts = `ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace`
)

func theme(name, bg string, line, dim, faint float64, colors map[Role]string) Theme {
	t := Theme{Name: name, Background: bg, LineScale: line, DimAlpha: dim, FaintAlpha: faint, Font: sansFonts, MonoFont: monoFonts}
	for r := range NumRoles {
		c, ok := colors[r]
		if !ok {
			panic("display: theme " + name + " has no colour for " + r.String())
		}
		t.Color[r] = c
	}
	return t
}

// Light, Dark and HighContrast are the built-in themes. The segment
// colours follow Okabe and Ito's colour-blind-safe palette, so a
// retransmission never differs from new data by hue alone for a
// red-green colour-blind student (the label says it too).
var (
	Light = theme("light", "#ffffff", 1, 0.28, 0.22, map[Role]string{
		RoleText: "#1b1f24", RoleTextDim: "#5b6570", RoleAxis: "#57606a", RoleGrid: "#e4e7eb",
		RoleCursor: "#cf222e", RoleHost: "#24292f", RolePanel: "#f3f5f7",
		RoleSideA: "#0b63c4", RoleSideB: "#8a3ffc",
		RoleSegData: "#0072b2", RoleSegAck: "#009e73", RoleSegSyn: "#8a3ffc", RoleSegFin: "#996600",
		RoleSegRst: "#b3001b", RoleRetransmission: "#d55e00", RoleFastRetransmit: "#e69f00",
		RoleProbe: "#cc79a7", RoleDrop: "#d0021b", RoleTimer: "#6e7781", RoleTimerFired: "#d55e00",
		RoleStateNode: "#57606a", RoleStateActive: "#0b63c4", RoleStateEdge: "#8c959f",
		RoleStateEdgeExtra: "#c9ced4", RoleStateEdgeTaken: "#d55e00",
		RoleAcked: "#9aa5b1", RoleFlight: "#0072b2", RoleUsable: "#56b4e9", RoleNotAllowed: "#e4e7eb",
		RoleDelivered: "#009e73", RoleOutOfOrder: "#e69f00", RoleFree: "#d8f0e6", RoleSack: "#e69f00",
		RoleCwnd: "#0072b2", RoleSsthresh: "#d55e00", RoleRwnd: "#009e73", RoleSRTT: "#0072b2",
		RoleRTO: "#d55e00", RoleRTTSample: "#8c959f", RoleQueue: "#8a3ffc",
		RoleLimitCwnd: "#0072b2", RoleLimitRwnd: "#009e73", RoleLimitApp: "#8c959f",
		RoleLimitLink: "#8a3ffc", RoleLimitClosed: "#e4e7eb",
	})
	Dark = theme("dark", "#14171c", 1, 0.30, 0.30, map[Role]string{
		RoleText: "#e6e9ed", RoleTextDim: "#9aa4ae", RoleAxis: "#9aa4ae", RoleGrid: "#2a3038",
		RoleCursor: "#ff6b6b", RoleHost: "#c9d1d9", RolePanel: "#1f242b",
		RoleSideA: "#58a6ff", RoleSideB: "#c297ff",
		RoleSegData: "#56b4e9", RoleSegAck: "#3fcf9a", RoleSegSyn: "#c297ff", RoleSegFin: "#e3b341",
		RoleSegRst: "#ff7b72", RoleRetransmission: "#ff8c42", RoleFastRetransmit: "#f5c04a",
		RoleProbe: "#e58fc0", RoleDrop: "#ff5c5c", RoleTimer: "#9aa4ae", RoleTimerFired: "#ff8c42",
		RoleStateNode: "#9aa4ae", RoleStateActive: "#58a6ff", RoleStateEdge: "#6e7781",
		RoleStateEdgeExtra: "#3a414a", RoleStateEdgeTaken: "#ff8c42",
		RoleAcked: "#4d5661", RoleFlight: "#56b4e9", RoleUsable: "#2f6f94", RoleNotAllowed: "#2a3038",
		RoleDelivered: "#3fcf9a", RoleOutOfOrder: "#f5c04a", RoleFree: "#1d3b31", RoleSack: "#f5c04a",
		RoleCwnd: "#56b4e9", RoleSsthresh: "#ff8c42", RoleRwnd: "#3fcf9a", RoleSRTT: "#56b4e9",
		RoleRTO: "#ff8c42", RoleRTTSample: "#6e7781", RoleQueue: "#c297ff",
		RoleLimitCwnd: "#56b4e9", RoleLimitRwnd: "#3fcf9a", RoleLimitApp: "#6e7781",
		RoleLimitLink: "#c297ff", RoleLimitClosed: "#2a3038",
	})
	// HighContrast is for projectors in lit rooms: black on white, pure
	// saturated colours and heavier lines.
	HighContrast = theme("high-contrast", "#ffffff", 1.7, 0.35, 0.35, map[Role]string{
		RoleText: "#000000", RoleTextDim: "#222222", RoleAxis: "#000000", RoleGrid: "#b0b0b0",
		RoleCursor: "#e00000", RoleHost: "#000000", RolePanel: "#ffffff",
		RoleSideA: "#0040ff", RoleSideB: "#9000c0",
		RoleSegData: "#0040ff", RoleSegAck: "#007a3d", RoleSegSyn: "#9000c0", RoleSegFin: "#8a5a00",
		RoleSegRst: "#c00000", RoleRetransmission: "#e05000", RoleFastRetransmit: "#c08000",
		RoleProbe: "#c00080", RoleDrop: "#e00000", RoleTimer: "#000000", RoleTimerFired: "#e05000",
		RoleStateNode: "#000000", RoleStateActive: "#0040ff", RoleStateEdge: "#404040",
		RoleStateEdgeExtra: "#a0a0a0", RoleStateEdgeTaken: "#e05000",
		RoleAcked: "#808080", RoleFlight: "#0040ff", RoleUsable: "#60a0ff", RoleNotAllowed: "#d0d0d0",
		RoleDelivered: "#007a3d", RoleOutOfOrder: "#e09000", RoleFree: "#c0f0d0", RoleSack: "#e09000",
		RoleCwnd: "#0040ff", RoleSsthresh: "#e05000", RoleRwnd: "#007a3d", RoleSRTT: "#0040ff",
		RoleRTO: "#e05000", RoleRTTSample: "#606060", RoleQueue: "#9000c0",
		RoleLimitCwnd: "#0040ff", RoleLimitRwnd: "#007a3d", RoleLimitApp: "#808080",
		RoleLimitLink: "#9000c0", RoleLimitClosed: "#d0d0d0",
	})
)

// Themes lists the built-in themes, for a menu.
func Themes() []Theme { return []Theme{Light, Dark, HighContrast} }
