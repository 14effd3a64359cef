package scenario

// Clone returns a deep copy of sc, for an editor that changes a scenario
// and re-runs it while keeping the original (every intervention in the
// page is such an edit).
func (sc *Scenario) Clone() *Scenario {
	c := *sc
	c.Link[A].Outages = append([]Outage(nil), sc.Link[A].Outages...)
	c.Link[B].Outages = append([]Outage(nil), sc.Link[B].Outages...)
	c.Faults = append([]Fault(nil), sc.Faults...)
	c.Connections = make([]Connection, len(sc.Connections))
	for i, conn := range sc.Connections {
		conn.Timeline = append([]Action(nil), conn.Timeline...)
		for side := range conn.Endpoints {
			conn.Endpoints[side].Options = conn.Endpoints[side].Options.clone()
		}
		c.Connections[i] = conn
	}
	return &c
}

func (o Options) clone() Options {
	for _, spec := range optSpecs {
		switch {
		case spec.i != nil:
			if p := spec.i(&o); *p != nil {
				v := **p
				*p = &v
			}
		case spec.b != nil:
			if p := spec.b(&o); *p != nil {
				v := **p
				*p = &v
			}
		case spec.s != nil:
			if p := spec.s(&o); *p != nil {
				v := **p
				*p = &v
			}
		}
	}
	return o
}
