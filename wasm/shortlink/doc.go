// Package shortlink is the short-link API of TCP Playground as a plain
// http.Handler: the Cloudflare Worker in wasm/worker serves it with Workers
// KV behind the Store interface, and the tests here run it natively with
// httptest. It never needs a js build, so everything is host-tested.
//
// # The API
//
//	POST /api/links       body: a scenario (Content-Type: application/json)
//	                      or a share fragment, the text after "#s="
//	                      (Content-Type: text/plain; "#s=" and the
//	                      fragment, a whole long link, or a JSON
//	                      scenario, starting with '{', are read too)
//	                      → 201 {"id":…,"url":…} when created,
//	                        200 with the same body when it already existed
//	GET  /s/{id}          → 302 to <page>#s=<fragment>
//	GET  /api/links/{id}  → 200, the scenario's canonical JSON
//
// A link's ID is derived from the scenario's canonical JSON
// (scenario.Marshal): the base64url of the first 12 bytes of its SHA-256,
// 16 characters. The same scenario, however its JSON was written, always
// gets the same ID, and a link is never overwritten: when an ID exists
// with other content (a truncated-hash collision) the request gets 409
// and the stored link stays. 96 bits make an accidental collision
// negligible (by the birthday bound, about n²/2⁹⁷ for n links: 10⁻¹¹ at a
// billion links); one crafted on purpose (~2⁴⁸ work) only makes its
// maker's own request fail, since nothing is overwritten.
//
// # Errors and limits
//
// Every response is JSON (errors are {"error":…}, with "path" naming the
// JSON path when the scenario validator rejected a value) with
// X-Content-Type-Options: nosniff and a Content-Security-Policy that
// allows nothing. Text from a request is only ever written JSON-encoded
// with <, > and & escaped, so nothing is reflected as markup. One
// exception: a GET /s/{id} that fails, from a browser (Accept names
// text/html), gets its status with a short static page in English and
// Chinese that says what went wrong and links to the playground.
//
//	400  a malformed ID (not 16 base64url characters)
//	403  a request from a browser page other than the configured one
//	404  no link with that ID, or no such path
//	405  a method the path does not take (Allow lists the right ones)
//	409  the ID exists with another scenario (see above)
//	413  a body over MaxBody bytes (64 KiB: presets are about 1 KiB; a
//	     larger scenario still shares as a long link or a JSON file)
//	415  a Content-Type other than application/json or text/plain
//	422  a body that is not a valid scenario or fragment: the validator's
//	     message, naming the JSON path and the limit
//	500  the worker is misconfigured (PAGE_URL, the KV binding)
//	503  the store failed
//
// CORS allows only the page's origin (Config.PageURL): its requests get
// Access-Control-Allow-Origin, and preflights from it succeed. A request
// that carries any other Origin (another site, or "null" from a file://
// page) to /api/ gets 403 and no CORS headers.
//
// The page's side (the request to send, reading the answer) is package
// client, which the handler shares its response type with.
//
// # Storage
//
// Store is the minimal interface: Get and Put. KVStore adapts a Workers KV
// namespace, whose GetString reads a missing key as the string "<null>"
// with no error (syumai/workers converts JavaScript null with
// js.Value.String); KVStore turns that into "not found". Stored values are
// canonical scenario JSON, which always starts with '{', so no real value
// is ever "<null>".
//
// Workers KV is eventually consistent: a link created in one place can
// take up to a minute to be readable everywhere, so a brand-new short
// link may 404 far away for that long (the page shares the long link
// whenever the short one is not at hand). A create that misses a link
// not yet visible writes the same bytes again, which is harmless.
package shortlink
