// Package model is the playground page's state, in pure Go so that it is
// tested on the host: the current scenario and where it came from (a
// preset, a share fragment, an uploaded file), the run of it, a cursor
// over the run's events, playback, and the undo and redo stacks of
// scenario edits.
//
// Every change to what the simulator runs is an Edit: a function applied
// to a clone of the scenario, checked by the scenario validator (the only
// judge of what is valid), then run; the URL fragment follows. Playback,
// stepping and scrubbing only move the cursor over the run (DESIGN.md:
// they never re-simulate).
//
// The page's event listeners call the model's methods and nothing else;
// its requestAnimationFrame loop compares the model's change counters with
// what it drew last and redraws only what changed.
package model
