package main

import (
	"net/http"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/kv"

	"tcpplayground/wasm/shortlink"
)

func main() {
	// The bindings and vars exist only inside a request's runtime context,
	// so the handler is built per request (a Go instance serves one).
	workers.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ns, err := kv.NewNamespace("LINKS")
		if err != nil {
			shortlink.Misconfigured("the LINKS KV binding: "+err.Error()).ServeHTTP(w, r)
			return
		}
		cfg := shortlink.Config{PageURL: cloudflare.Getenv("PAGE_URL"), LinkBase: cloudflare.Getenv("LINK_BASE")}
		shortlink.New(cfg, shortlink.KVStore{
			GetString: func(key string) (string, error) { return ns.GetString(key, nil) },
			PutString: func(key, value string) error { return ns.PutString(key, value, nil) },
		}).ServeHTTP(w, r)
	}))
}
