package browsertest

import (
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"tcpplayground/cmd/build/netlify"
)

// RepoRoot returns the repository root: the nearest directory above the
// working directory that holds go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Build runs cmd/build (as the README and Netlify do) with the given
// arguments, e.g. ("-out", dir) or ("offline", "-o", file).
func Build(root string, args ...string) error {
	cmd := exec.Command("go", append([]string{"run", "./cmd/build"}, args...)...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go run ./cmd/build %v: %v\n%s", args, err, out)
	}
	return nil
}

// Site is a built site served on 127.0.0.1 with netlify.toml's headers.
type Site struct {
	URL  string // http://127.0.0.1:port, no trailing slash
	Dir  string
	srv  *httptest.Server
	once sync.Once
}

// Serve serves dir on a free port of 127.0.0.1 with the [[headers]] of
// root/netlify.toml. Close it to cut the network for the pages using it.
func Serve(root, dir string) (*Site, error) {
	cfg, err := netlify.Load(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(netlify.Handler(dir, cfg)) // 127.0.0.1, a free port
	return &Site{URL: srv.URL, Dir: dir, srv: srv}, nil
}

// ServeOn is Serve on the listener l (whose address a test may need
// before the site exists), with the origin connect added to the CSP's
// connect-src, as `go run ./cmd/build serve -shortlinks` does for the
// short-link worker.
func ServeOn(l net.Listener, root, dir, connect string) (*Site, error) {
	cfg, err := netlify.Load(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return nil, err
	}
	if err := cfg.AllowConnect(connect); err != nil {
		return nil, err
	}
	srv := httptest.NewUnstartedServer(netlify.Handler(dir, cfg))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	return &Site{URL: srv.URL, Dir: dir, srv: srv}, nil
}

// Close stops the server and closes every connection to it: from then on
// a request to the site fails as it would with the network down.
func (s *Site) Close() {
	s.once.Do(func() {
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}
