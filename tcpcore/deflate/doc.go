// Package deflate writes raw DEFLATE streams (RFC 1951) with a preset
// dictionary: the compressor of share links.
//
// Any RFC 1951 inflater reads what it writes (compress/flate's
// NewReaderDict, zlib's inflate with a raw window and a dictionary). It
// exists because compress/flate's writer reaches fmt (one fmt.Errorf for a
// bad level), and fmt with the reflection it uses cost the page about
// 78 KB of its 1.2 MB download (brotli); reading a stream with
// compress/flate reaches neither.
//
// Compress is deterministic: the same dictionary and input give the same
// bytes on every platform and run, which is what makes a share link
// canonical. Its settings (the hash, the chain length, lazy matching, the
// choice between stored, fixed and dynamic blocks) are therefore part of
// every share-link format version that uses it and never change within
// one: tests pin the output.
//
// How it compresses (RFC 1951 §4 suggests the method): LZ77 over the
// dictionary and the input, with hash chains on three-byte prefixes and a
// search of up to maxChain earlier positions within the 32 KiB window,
// with lazy matching (a match is deferred when the next position has a
// longer one); then one block, dynamic Huffman codes (code lengths limited
// to 15 bits, §3.2.7), unless fixed codes or stored blocks are smaller.
package deflate
