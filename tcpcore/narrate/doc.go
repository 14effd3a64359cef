// Package narrate explains each event of a trace in plain English or plain
// Chinese, for students and for a lecturer reading aloud: what happened, why,
// and what it changes (states, sequence and acknowledgment numbers, timers,
// cwnd), in the terms of a first course and of the project's GLOSSARY.md.
//
// Event narrates one event; AppendEvent appends the same sentence to a
// buffer, so the page can narrate the current event on every step without
// allocating. The narration is a pure function of the trace: no maps are
// iterated and nothing depends on the clock.
//
// Sequence numbers are relative, as the trace's text format and Wireshark
// show them: SEQ from the sender's initial sequence number, ACK and SACK
// blocks from the receiver's, and a Space event's variables from the
// endpoint's own ISS and IRS. Windows are in bytes, scaled by the window
// scale option the two SYNs negotiated (RFC 7323 §2.3).
//
// Every kind of event is narrated, Space snapshots included (as the
// RFC 9293 §3.3.1 variables with a few words each: the page shows the
// snapshot anyway, and a lecturer stepping through wants it read out).
// Sentences that depend on history (how cwnd changed, whether a FIN is the
// first or third step of the teardown, whether an ACK covers a FIN) look
// back through the trace a short way. A value the narration has no
// sentence for reads with a "(?)" mark, which the tests reject, so a new
// enum value cannot go unnarrated.
//
// Beside the sentences, the package holds the project's short names in both
// languages for the views' labels (DropName, ReasonName, TimerName,
// AppName), and Lang.Pick, which every caller uses to choose between an
// English and a Chinese phrase.
//
// Phrases the endpoint gives in English only (the detail of a discarded
// segment, an unknown error) are quoted as they are in the Chinese text.
package narrate
