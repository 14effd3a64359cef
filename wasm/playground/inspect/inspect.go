package inspect

import (
	"encoding/binary"
	"errors"
	"strconv"

	"tcpplayground/tcpcore/seq"
	"tcpplayground/tcpcore/wire"
)

// Layer groups fields in the inspector.
type Layer uint8

// The layers of a packet, in wire order.
const (
	IPv4 Layer = iota
	TCP
	Option
	Payload
)

func (l Layer) String() string {
	switch l {
	case IPv4:
		return "IPv4"
	case TCP:
		return "TCP"
	case Option:
		return "TCP option"
	}
	return "Payload"
}

// Field is one header field, option or the payload: bytes [Off, End) of
// the packet. Fields that share a byte (IHL and version, the flags) have
// the same range; Mask says which bits of it are theirs (0: all).
type Field struct {
	Layer Layer
	Name  string // as RFC 791 / RFC 9293 / Wireshark name it
	Value string
	Off   int
	End   int
	Mask  uint16
}

// Bases are the initial sequence numbers the relative numbers count from,
// as Wireshark shows them: SEQ from the sender's ISS, ACK from the
// receiver's.
type Bases struct {
	Seq, Ack seq.Seq
}

// errShort is returned when the packet ends inside a header.
var errShort = errors.New("packet ends inside its headers")

// Fields returns the fields of pkt in wire order. An error says what could
// not be read; the fields before it are still returned.
func Fields(pkt []byte, b Bases) ([]Field, error) {
	fs := make([]Field, 0, 32)
	add := func(l Layer, name, value string, off, end int, mask uint16) {
		fs = append(fs, Field{l, name, value, off, end, mask})
	}
	if len(pkt) < wire.IPv4HeaderLen {
		return fs, errShort
	}
	u16 := func(i int) uint16 { return binary.BigEndian.Uint16(pkt[i:]) }
	u32 := func(i int) uint32 { return binary.BigEndian.Uint32(pkt[i:]) }
	ihl := int(pkt[0]&0x0f) * 4
	add(IPv4, "Version", itoa(int(pkt[0]>>4)), 0, 1, 0xf0)
	add(IPv4, "Header length", itoa(ihl)+" bytes ("+itoa(ihl/4)+" words)", 0, 1, 0x0f)
	add(IPv4, "DSCP", itoa(int(pkt[1]>>2)), 1, 2, 0xfc)
	add(IPv4, "ECN", wire.ECN(pkt[1]&3).String(), 1, 2, 0x03)
	total := int(u16(2))
	add(IPv4, "Total length", itoa(total)+" bytes", 2, 4, 0)
	add(IPv4, "Identification", hex16(u16(4))+" ("+itoa(int(u16(4)))+")", 4, 6, 0)
	frag := u16(6)
	add(IPv4, "Flags", ipFlags(frag), 6, 8, 0xe000)
	add(IPv4, "Fragment offset", itoa(int(frag&0x1fff)*8), 6, 8, 0x1fff)
	add(IPv4, "Time to live", itoa(int(pkt[8])), 8, 9, 0)
	proto := "6 (TCP)"
	if pkt[9] != wire.ProtocolTCP {
		proto = itoa(int(pkt[9]))
	}
	add(IPv4, "Protocol", proto, 9, 10, 0)
	ok := ihl >= wire.IPv4HeaderLen && ihl <= len(pkt) && wire.Checksum(pkt[:ihl]) == 0
	add(IPv4, "Header checksum", hex16(u16(10))+verdict(ok), 10, 12, 0)
	src, dst := [4]byte(pkt[12:16]), [4]byte(pkt[16:20])
	add(IPv4, "Source address", dotted(src), 12, 16, 0)
	add(IPv4, "Destination address", dotted(dst), 16, 20, 0)
	if ihl < wire.IPv4HeaderLen || total < ihl || total > len(pkt) {
		return fs, errors.New("IPv4 header length " + itoa(ihl) + " or total length " + itoa(total) + " does not fit the " + itoa(len(pkt)) + "-byte packet")
	}
	if ihl > wire.IPv4HeaderLen {
		add(IPv4, "Options", itoa(ihl-wire.IPv4HeaderLen)+" bytes", wire.IPv4HeaderLen, ihl, 0)
	}
	t := ihl
	if total-t < wire.TCPHeaderLen {
		return fs, errShort
	}
	add(TCP, "Source port", itoa(int(u16(t))), t, t+2, 0)
	add(TCP, "Destination port", itoa(int(u16(t+2))), t+2, t+4, 0)
	rawSeq, rawAck := u32(t+4), u32(t+8)
	add(TCP, "Sequence number", itoa64(int64(rawSeq-uint32(b.Seq)))+" (relative; raw "+itoa64(int64(rawSeq))+")", t+4, t+8, 0)
	flags := wire.Flags(pkt[t+13])
	ack := itoa64(int64(rawAck))
	if flags.Has(wire.ACK) {
		ack = itoa64(int64(rawAck-uint32(b.Ack))) + " (relative; raw " + ack + ")"
	} else {
		ack += " (not used: no ACK flag)"
	}
	add(TCP, "Acknowledgment number", ack, t+8, t+12, 0)
	hl := int(pkt[t+12]>>4) * 4
	add(TCP, "Header length", itoa(hl)+" bytes ("+itoa(hl/4)+" words)", t+12, t+13, 0xf0)
	add(TCP, "Reserved", itoa(int(pkt[t+12]&0x0f)), t+12, t+13, 0x0f)
	add(TCP, "Flags", hex8(uint8(flags))+" "+tcpFlags(flags), t+13, t+14, 0)
	add(TCP, "Window", itoa(int(u16(t+14))), t+14, t+16, 0)
	ok = wire.TCPChecksum(src, dst, pkt[t:total]) == 0
	add(TCP, "Checksum", hex16(u16(t+16))+verdict(ok), t+16, t+18, 0)
	add(TCP, "Urgent pointer", itoa(int(u16(t+18))), t+18, t+20, 0)
	if hl < wire.TCPHeaderLen || t+hl > total {
		return fs, errors.New("TCP header length " + itoa(hl) + " does not fit the " + itoa(total-t) + "-byte segment")
	}
	if err := options(pkt[:t+hl], t+wire.TCPHeaderLen, b, add); err != nil {
		return fs, err
	}
	if n := total - t - hl; n > 0 {
		add(Payload, "Payload", itoa(n)+" bytes", t+hl, total, 0)
	}
	return fs, nil
}

// options adds the options in pkt[off:], one field each (NOPs too: they
// are bytes on the wire and the hex dump should name them).
func options(pkt []byte, off int, b Bases, add func(Layer, string, string, int, int, uint16)) error {
	for i := off; i < len(pkt); {
		kind := pkt[i]
		switch kind {
		case wire.OptEOL:
			add(Option, "End of option list", "", i, len(pkt), 0)
			return nil
		case wire.OptNOP:
			add(Option, "No-operation (NOP)", "", i, i+1, 0)
			i++
			continue
		}
		if i+1 >= len(pkt) || pkt[i+1] < 2 || i+int(pkt[i+1]) > len(pkt) {
			return errors.New("option kind " + itoa(int(kind)) + " at byte " + itoa(i) + " has an impossible length")
		}
		n := int(pkt[i+1])
		body := pkt[i+2 : i+n]
		name, value := "Kind "+itoa(int(kind)), itoa(n)+" bytes"
		switch {
		case kind == wire.OptMSS && n == 4:
			name, value = "Maximum segment size", itoa(int(binary.BigEndian.Uint16(body)))+" bytes"
		case kind == wire.OptWScale && n == 3:
			name, value = "Window scale", "shift "+itoa(int(body[0]))+" (multiply by "+itoa(1<<min(body[0], 14))+")"
		case kind == wire.OptSACKPermitted && n == 2:
			name, value = "SACK permitted", ""
		case kind == wire.OptTimestamps && n == 10:
			name = "Timestamps"
			value = "TSval " + itoa64(int64(binary.BigEndian.Uint32(body))) + ", TSecr " + itoa64(int64(binary.BigEndian.Uint32(body[4:])))
		case kind == wire.OptSACK && (n-2)%8 == 0:
			name, value = "SACK", ""
			for j := 0; j+8 <= len(body); j += 8 {
				if j > 0 {
					value += ", "
				}
				l := binary.BigEndian.Uint32(body[j:]) - uint32(b.Ack)
				r := binary.BigEndian.Uint32(body[j+4:]) - uint32(b.Ack)
				value += itoa64(int64(l)) + "–" + itoa64(int64(r))
			}
			value += " (relative)"
		}
		add(Option, name, value, i, i+n, 0)
		i += n
	}
	return nil
}

func ipFlags(frag uint16) string {
	s := ""
	if frag&0x8000 != 0 {
		s += "reserved "
	}
	if frag&0x4000 != 0 {
		s += "DF (don't fragment) "
	}
	if frag&0x2000 != 0 {
		s += "MF (more fragments) "
	}
	if s == "" {
		return "none"
	}
	return s[:len(s)-1]
}

var flagNames = [8]string{"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"}

// tcpFlags names the set bits as Wireshark's Info column does: [SYN, ACK],
// [PSH, ACK] (least significant first).
func tcpFlags(f wire.Flags) string {
	s := ""
	for i := range 8 {
		if f&(1<<i) != 0 {
			if s != "" {
				s += ", "
			}
			s += flagNames[i]
		}
	}
	if s == "" {
		return "(none)"
	}
	return "(" + s + ")"
}

func verdict(ok bool) string {
	if ok {
		return " (correct)"
	}
	return " (wrong: the receiver drops this packet)"
}

func itoa(v int) string     { return strconv.Itoa(v) }
func itoa64(v int64) string { return strconv.FormatInt(v, 10) }

const hexDigits = "0123456789abcdef"

func hex8(v uint8) string { return "0x" + string([]byte{hexDigits[v>>4], hexDigits[v&15]}) }
func hex16(v uint16) string {
	return "0x" + string([]byte{hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15]})
}

// Hex writes b as lowercase hex pairs, for the dump.
func Hex(b byte) string { return string([]byte{hexDigits[b>>4], hexDigits[b&15]}) }

// dotted writes an IPv4 address in dotted-decimal form. It stands in for
// net/netip's String, which would bring net/netip and unique into the page
// (about 18 KB brotli) for two fields.
func dotted(a [4]byte) string {
	return itoa(int(a[0])) + "." + itoa(int(a[1])) + "." + itoa(int(a[2])) + "." + itoa(int(a[3]))
}
