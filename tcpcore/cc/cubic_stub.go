package cc

// STUB: CUBIC behaves as Reno until its own implementation lands.

func newCubic(smss, initialWindow int) Controller { return newReno(smss, initialWindow) }
