package tcp

import (
	"reflect"
	"testing"

	"tcpplayground/tcpcore/wire"
)

// setAll gives every field reachable in v a non-zero value.
func setAll(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			setAll(v.Field(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			setAll(v.Index(i))
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
	default:
		panic("setAll: unhandled kind " + v.Kind().String())
	}
}

// Poll clears its segment field by field (clearSegment): a field added to
// wire.Segment or wire.Options must be cleared there too, or a stale value
// would leak from one segment into the next.
func TestClearSegmentClearsEveryField(t *testing.T) {
	var s wire.Segment
	setAll(reflect.ValueOf(&s).Elem())
	clearSegment(&s)
	if !reflect.ValueOf(s).IsZero() {
		t.Errorf("clearSegment left %+v, want the zero Segment", s)
	}
}

// observeRecv copies the received segment field by field: a field added
// to wire.Segment or wire.Options must be copied there too.
func TestObserveRecvCopiesEveryField(t *testing.T) {
	var src, got wire.Segment
	setAll(reflect.ValueOf(&src).Elem())
	e := &Endpoint{}
	e.cfg.Observer = func(ev *Event) { got = *ev.Seg }
	e.observeRecv(&src, RecvAccepted, "")
	if !reflect.DeepEqual(got, src) {
		t.Errorf("the Received event's segment is %+v, want %+v", got, src)
	}
}
