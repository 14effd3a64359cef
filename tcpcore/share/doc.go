// Package share encodes a scenario as the text of a share link's URL
// fragment ("#s=<fragment>") and decodes such text from anyone, safely.
// A link needs no server: the whole scenario travels in the fragment,
// which browsers never send to one.
//
// The encoding is versioned, compact and canonical: the same scenario
// always gives the same fragment (it encodes scenario.Marshal's canonical
// JSON with fixed settings), and presets make links of a few hundred
// characters.
//
// # Format version 2, byte by byte
//
//	fragment = version payload
//	version  = "2"                       one ASCII character
//	payload  = base64url(crc || deflate) RFC 4648 §5 alphabet, no padding
//	crc      = 4 bytes, big-endian CRC-32 (IEEE, as in gzip) of the JSON
//	deflate  = raw DEFLATE stream (RFC 1951, no zlib or gzip wrapper) of
//	           the canonical JSON, made by tcpcore/deflate with the preset
//	           dictionary dictV1 (dict.go)
//
// Version 1 is the same but for the compressor: compress/flate at level 9.
// Any inflater reads both, so Decode reads them alike; the version says
// which compressor made the link, so that each version's links are
// canonical. Version 2 replaced compress/flate's writer because it pulls
// fmt into the page (78 KB of its 1.2 MB download, brotli); the reader
// does not, and Decode still uses it.
//
// The preset dictionary is text the compressor treats as if it came just
// before the data, so a stream can copy JSON keys and common words from
// it (RFC 1951 §3.2: back references reach 32 KiB). The dictionary is as
// much part of the format as the version character: it never changes
// (a test pins its SHA-256). To read a v1 or v2 fragment elsewhere, for
// example in Python:
//
//	b = base64.urlsafe_b64decode(frag[1:] + "=" * (-len(frag[1:]) % 4))
//	d = zlib.decompressobj(-15, zdict=DICT_V1)  # raw deflate
//	doc = d.decompress(b[4:]); assert zlib.crc32(doc) == int.from_bytes(b[:4], "big")
//
// # Decoding untrusted text
//
// Decode checks, in order, each before the work it bounds: the length
// (MaxFragmentLen characters, enough for any valid scenario), the version
// character (a newer version asks the user to reload the page), the
// alphabet (naming the first bad character and its position; a link
// ending in an ellipsis, as chat apps display long links, is truncated),
// the base64 length, the inflated size (MaxDecompressed, the scenario
// document limit, read through a limit so a zip bomb stops there), that
// nothing follows the deflate stream, the checksum (a changed character
// is "corrupted", never a silently different scenario), and finally the
// full scenario validator. Encoding problems are *Error ("share link:
// truncated: …"); an invalid scenario is the validator's *scenario.Error
// naming the JSON path.
//
// # Migration
//
// Links made today must keep opening the same run. The committed
// fragments in testdata/v1 and testdata/v2 (with the canonical JSON each
// decodes to) are the contract, checked by TestV1Links and TestV2Links
// (which also checks that today's encoder makes exactly the v2 ones).
// When the format changes again (a better dictionary, another
// compressor), the new encoder writes version "3" and Decode keeps its
// v1 and v2 branch, with dictV1, forever: a version character selects the
// reader, and every reader ends in scenario.Decode. When the
// scenario document itself moves to version 2, the v1 JSON inside old
// links is a version-1 document, which scenario.Decode must then upgrade
// (or share calls the upgrade before it); TestV1Links's .json files then
// change to the upgraded canonical form, reviewed as a diff, while the
// .frag files never change.
package share
