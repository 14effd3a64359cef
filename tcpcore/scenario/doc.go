// Package scenario is the versioned JSON document that fully determines a
// simulator run: the hosts, the connections and each endpoint's options,
// the link in each direction in netem's vocabulary, scripted faults, the
// application timeline, a seed, and a title and description in English and
// Chinese.
//
// Decode is strict: an unknown field, a wrong type, a value out of range or
// an impossible timeline is rejected with an *Error naming the JSON path,
// the value and what is allowed, such as
//
//	connections[0].a.mss: 20 is out of range 64..65495
//
// The error's Kind and Args hold what is wrong and the values it names,
// so Chinese words the same message without parsing the English:
//
//	connections[0].a.mss：20 超出范围 64..65495
//
// Hard limits (MaxInputBytes, MaxDuration, MaxTotalBytes, MaxSegments,
// MaxConnections, …) keep a hostile scenario from freezing a browser tab;
// the simulator enforces the ones that only a run can reach.
//
// Marshal writes the canonical form: compact JSON, fields in a fixed order,
// absent optional fields left out, numbers in their shortest form. Decoding
// the canonical form gives back the same Scenario, so the same scenario
// always has the same bytes (share links are built on this).
//
// # The document
//
//	{
//	  "version": 1,
//	  "title": {"en": "Handshake", "zh": "三次握手"},
//	  "seed": 1,
//	  "hosts": {"a": "10.0.0.1", "b": "10.0.0.2"},
//	  "link": {"a_to_b": {"delay_ms": 10, "loss": 1}, "b_to_a": {"delay_ms": 10}},
//	  "connections": [{
//	    "a": {"port": 40000, "profile": "linux", "mss": 536},
//	    "b": {"port": 80},
//	    "timeline": [
//	      {"at_ms": 0, "side": "B", "action": "listen"},
//	      {"at_ms": 0, "side": "A", "action": "connect"},
//	      {"at_ms": 50, "side": "A", "action": "write", "bytes": 10000},
//	      {"at_ms": 50, "side": "A", "action": "close"},
//	      {"at_ms": 60, "side": "B", "action": "close"}
//	    ]
//	  }],
//	  "faults": [{"dir": "B>A", "flags": "SA", "action": "drop"}]
//	}
//
// Probabilities are percentages, as netem takes them ("loss": 1 is 1 %).
// Times are milliseconds (fractions allowed where the field is a number of
// milliseconds on the link or the timeline; endpoint timer options are
// whole milliseconds). Each side's timeline is a sequential program: an
// action starts at its at_ms or when the previous action of that side
// finished, whichever is later. Listen and connect finish when the
// connection is established or has failed (as accept and connect block on
// a socket); a write finishes when the endpoint has accepted all its
// bytes. Reading goes on by itself unless stop_reading stopped it.
package scenario
