package wire

import (
	"encoding/binary"

	"tcpplayground/tcpcore/seq"
)

// Option kinds (RFC 9293 §3.2, RFC 7323 §2.2 and §3.2, RFC 2018 §2 and §3).
const (
	OptEOL           = 0 // end of option list
	OptNOP           = 1 // no-operation
	OptMSS           = 2 // maximum segment size
	OptWScale        = 3 // window scale
	OptSACKPermitted = 4 // SACK permitted
	OptSACK          = 5 // SACK blocks
	OptTimestamps    = 8 // timestamps
)

// Option lengths, kind and length bytes included.
const (
	lenMSS           = 4
	lenWScale        = 3
	lenSACKPermitted = 2
	lenTimestamps    = 10
	lenSACKBase      = 2 // kind and length, before the blocks
	lenSACKBlock     = 8
)

// MaxOptionsLen is the most option bytes a TCP header can hold: the data
// offset counts at most 15 words, 5 of them the fixed header (RFC 9293 §3.1).
const MaxOptionsLen = 40

// The aligned sizes of the option groups in Linux's layout (see AppendOptions).
const (
	alignedMSS        = 4  // mss
	alignedTS         = 12 // nop,nop,TS or sackOK,TS
	alignedSACKPerm   = 4  // nop,nop,sackOK
	alignedWScale     = 4  // nop,wscale
	alignedSACKHeader = 4  // nop,nop,sack(kind,len)
)

// nopNopTS is the first word of the nop,nop,TS group, the options of every
// segment after a handshake that agreed on timestamps (but for those with
// SACK blocks): written and recognised as one 32-bit word.
const nopNopTS = OptNOP<<24 | OptNOP<<16 | OptTimestamps<<8 | lenTimestamps

// fixedLen is the length of every option group except the SACK blocks, in
// the layout AppendOptions writes.
func (o *Options) fixedLen() int {
	n := 0
	if o.MSS != 0 {
		n += alignedMSS
	}
	if o.HasTS {
		n += alignedTS // carries sackOK in its first two bytes when wanted
	} else if o.SACKPermitted {
		n += alignedSACKPerm
	}
	if o.HasWScale {
		n += alignedWScale
	}
	return n
}

// SACKRoom is how many SACK blocks fit beside o's other options in the 40
// option bytes: 4 without timestamps, 3 with them (RFC 2018 §3), fewer when
// MSS or window scale options take room too.
func (o *Options) SACKRoom() int {
	room := (MaxOptionsLen - o.fixedLen() - alignedSACKHeader) / lenSACKBlock
	return min(max(room, 0), MaxSACKBlocks)
}

// numSACKToSend is the number of SACK blocks AppendOptions writes: NumSACK,
// cut to what fits (the first blocks, the most recent, are kept: RFC 2018 §4).
func (o *Options) numSACKToSend() int {
	return min(max(o.NumSACK, 0), o.SACKRoom())
}

// Len is the number of option bytes AppendOptions writes for o: a multiple
// of 4, at most MaxOptionsLen.
func (o *Options) Len() int {
	n := o.fixedLen()
	if k := o.numSACKToSend(); k > 0 {
		n += alignedSACKHeader + k*lenSACKBlock
	}
	return n
}

// AppendOptions appends o's encoding to b, in exactly the order and with
// exactly the padding Linux uses (net/ipv4/tcp_output.c, tcp_options_write),
// so traces and pcaps of our endpoint line up byte for byte with the
// kernel's:
//
//	mss 1460                       02 04 05 b4
//	sackOK,TS val V ecr E          04 02 08 0a V V V V E E E E   (SACK-permitted and timestamps)
//	nop,nop,TS val V ecr E         01 01 08 0a V V V V E E E E   (timestamps only)
//	nop,nop,sackOK                 01 01 04 02                   (SACK-permitted only)
//	nop,wscale 7                   01 03 03 07
//	nop,nop,sack L:R …             01 01 05 (2+8n) L R …
//
// Every group is a multiple of 4 bytes, so the whole is too: the data offset
// counts 32-bit words, and Linux was seen ignoring the window scale of a SYN
// whose options were not padded (TCP-REFERENCE.md). SACK blocks that do not
// fit in the 40 bytes are left out, the last ones first (see SACKRoom).
func AppendOptions(b []byte, o *Options) []byte {
	if o.HasTS && o.MSS == 0 && !o.SACKPermitted && !o.HasWScale && o.NumSACK <= 0 {
		// nop,nop,TS alone: every segment after a handshake that agreed on
		// timestamps, but those carrying SACK blocks. Written in one go, as
		// the simulator encodes one per segment.
		b = binary.BigEndian.AppendUint32(b, nopNopTS)
		b = binary.BigEndian.AppendUint32(b, o.TSVal)
		return binary.BigEndian.AppendUint32(b, o.TSEcr)
	}
	if o.MSS != 0 {
		b = append(b, OptMSS, lenMSS)
		b = binary.BigEndian.AppendUint16(b, o.MSS)
	}
	if o.HasTS {
		// RFC 7323 §3.2 and Appendix A: the recommended layout aligns the
		// timestamp values on 32-bit boundaries; Linux fills the two
		// leading bytes with SACK-permitted instead of two NOPs when both
		// are sent.
		if o.SACKPermitted {
			b = append(b, OptSACKPermitted, lenSACKPermitted)
		} else {
			b = append(b, OptNOP, OptNOP)
		}
		b = append(b, OptTimestamps, lenTimestamps)
		b = binary.BigEndian.AppendUint32(b, o.TSVal)
		b = binary.BigEndian.AppendUint32(b, o.TSEcr)
	} else if o.SACKPermitted {
		b = append(b, OptNOP, OptNOP, OptSACKPermitted, lenSACKPermitted)
	}
	if o.HasWScale {
		b = append(b, OptNOP, OptWScale, lenWScale, o.WScale)
	}
	if k := o.numSACKToSend(); k > 0 {
		b = append(b, OptNOP, OptNOP, OptSACK, byte(lenSACKBase+k*lenSACKBlock))
		for _, blk := range o.SACK[:k] {
			b = binary.BigEndian.AppendUint32(b, uint32(blk.Left))
			b = binary.BigEndian.AppendUint32(b, uint32(blk.Right))
		}
	}
	return b
}

// ParseOptions parses the options area of a TCP header (the bytes between
// the fixed 20-byte header and the data offset).
//
// EOL ends the list (what follows is padding); NOP is skipped; MSS, window
// scale, SACK-permitted, SACK and timestamps are read into Options, a later
// copy of an option replacing an earlier one; any other kind is skipped by
// its length byte (RFC 9293 §3.2: "must be prepared to handle an illegal
// option length"). A length that cannot be right — 0 or 1, running past the
// end, different from the fixed length of a known kind, or a SACK length
// that is not 2+8n with 1 ≤ n ≤ 4 — is an error wrapping ErrBadOption that
// names the option and its offset; the options parsed before it are returned
// with it.
func ParseOptions(b []byte) (Options, error) {
	var o Options
	err := parseOptions(b, &o, 0)
	return o, err
}

// parseOptions parses b into o; base is added to the offsets in error
// messages, so ParseTCP can report offsets within the TCP header.
func parseOptions(b []byte, o *Options, base int) error {
	if len(b) == alignedTS && binary.BigEndian.Uint32(b) == nopNopTS {
		// nop,nop,TS alone, the usual options after the handshake: what
		// the loop below would find, without walking it.
		o.HasTS = true
		o.TSVal = binary.BigEndian.Uint32(b[4:8])
		o.TSEcr = binary.BigEndian.Uint32(b[8:12])
		return nil
	}
	for i := 0; i < len(b); {
		kind := b[i]
		switch kind {
		case OptEOL:
			return nil
		case OptNOP:
			i++
			continue
		}
		if i+1 >= len(b) {
			return optionError(kind, base+i, "no length byte")
		}
		n := int(b[i+1])
		if n < 2 {
			return optionError(kind, base+i, "length "+itoa(n))
		}
		if i+n > len(b) {
			return optionError(kind, base+i, "length "+itoa(n)+" runs past the end of the options ("+itoa(len(b)-i)+" bytes left)")
		}
		body := b[i+2 : i+n]
		switch kind {
		case OptMSS:
			if n != lenMSS {
				return optionError(kind, base+i, wantLen(n, lenMSS))
			}
			o.MSS = binary.BigEndian.Uint16(body)
		case OptWScale:
			if n != lenWScale {
				return optionError(kind, base+i, wantLen(n, lenWScale))
			}
			o.HasWScale, o.WScale = true, body[0]
		case OptSACKPermitted:
			if n != lenSACKPermitted {
				return optionError(kind, base+i, wantLen(n, lenSACKPermitted))
			}
			o.SACKPermitted = true
		case OptTimestamps:
			if n != lenTimestamps {
				return optionError(kind, base+i, wantLen(n, lenTimestamps))
			}
			o.HasTS = true
			o.TSVal = binary.BigEndian.Uint32(body[0:4])
			o.TSEcr = binary.BigEndian.Uint32(body[4:8])
		case OptSACK:
			blocks := (n - lenSACKBase) / lenSACKBlock
			if (n-lenSACKBase)%lenSACKBlock != 0 || blocks < 1 || blocks > MaxSACKBlocks {
				return optionError(kind, base+i, "length "+itoa(n)+", want 2+8n with n from 1 to 4")
			}
			o.SACK = [MaxSACKBlocks]SACKBlock{}
			o.NumSACK = blocks
			for j := range blocks {
				p := body[j*lenSACKBlock:]
				o.SACK[j] = SACKBlock{
					Left:  seq.Seq(binary.BigEndian.Uint32(p[0:4])),
					Right: seq.Seq(binary.BigEndian.Uint32(p[4:8])),
				}
			}
		}
		i += n
	}
	return nil
}

func wantLen(got, want int) string {
	return "length " + itoa(got) + ", want " + itoa(want)
}

// optionError is ErrBadOption naming the option and where it starts.
func optionError(kind byte, offset int, detail string) error {
	return wrap(ErrBadOption, optionName(kind)+" at offset "+itoa(offset)+": "+detail)
}

// optionName is the option's name as packetdrill writes it, with its kind.
func optionName(kind byte) string {
	switch kind {
	case OptMSS:
		return "mss (kind 2)"
	case OptWScale:
		return "wscale (kind 3)"
	case OptSACKPermitted:
		return "sackOK (kind 4)"
	case OptSACK:
		return "sack (kind 5)"
	case OptTimestamps:
		return "TS (kind 8)"
	}
	return "kind " + itoa(int(kind))
}
