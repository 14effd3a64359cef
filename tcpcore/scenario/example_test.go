package scenario_test

import (
	"fmt"

	"tcpplayground/tcpcore/scenario"
)

func ExampleDecode() {
	_, err := scenario.Decode([]byte(`{
	  "version": 1,
	  "title": {"en": "Too small an MSS"},
	  "connections": [{"a": {"port": 40000, "mss": 20}, "b": {"port": 80}}]
	}`))
	fmt.Println(err)
	// Output: connections[0].a.mss: 20 is out of range 64..65495
}

func ExampleMarshal() {
	sc, err := scenario.Decode([]byte(`{
	  "title": {"zh": "握手", "en": "Handshake"},
	  "version": 1,
	  "link": {"a_to_b": {"loss": 1.0, "delay_ms": 10}},
	  "connections": [{
	    "a": {"port": 40000}, "b": {"port": 80, "profile": "linux"},
	    "timeline": [{"at_ms": 0, "side": "B", "action": "listen"}, {"at_ms": 0, "side": "A", "action": "connect"}]
	  }]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", scenario.Marshal(sc))
	// Output: {"version":1,"title":{"en":"Handshake","zh":"握手"},"seed":0,"hosts":{"a":"10.0.0.1","b":"10.0.0.2"},"link":{"a_to_b":{"delay_ms":10,"loss":1},"b_to_a":{}},"connections":[{"a":{"port":40000},"b":{"port":80,"profile":"linux"},"timeline":[{"at_ms":0,"side":"B","action":"listen"},{"at_ms":0,"side":"A","action":"connect"}]}]}
}
