//go:build !js

package workertest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Build builds the worker with wasm/worker/build.sh (the deploy's own
// recipe) into dir/build, puts the worker's wrangler.toml beside it, and
// returns that file's path.
func Build(root, dir string) (string, error) {
	cmd := exec.Command(filepath.Join(root, "wasm/worker/build.sh"), filepath.Join(dir, "build"))
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("wasm/worker/build.sh: %v\n%s", err, b)
	}
	toml, err := os.ReadFile(filepath.Join(root, "wasm/worker/wrangler.toml"))
	if err != nil {
		return "", err
	}
	cfg := filepath.Join(dir, "wrangler.toml")
	return cfg, os.WriteFile(cfg, toml, 0o644)
}

// Runtime is one wrangler dev process serving the worker.
type Runtime struct {
	URL  string // http://127.0.0.1:port, no trailing slash
	cmd  *exec.Cmd
	log  *syncBuffer
	done chan struct{}
	err  error // of the process, once done is closed
}

// Start runs wrangler dev with the config Build wrote, KV persisted in
// state, PAGE_URL set to page, and returns once the worker answers.
func Start(root, cfg, state, page string) (*Runtime, error) {
	bin := filepath.Join(root, "tests/worker/node_modules/.bin/wrangler")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("wrangler is not installed: run `npm ci` in tests/worker (tests/run does): %v", err)
	}
	// The worker's port, and its devtools inspector's: wrangler's default
	// for that, 9229, is taken by the other test package's wrangler when
	// both run at once (go test runs packages in parallel), and wrangler
	// then exits.
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	port, inspector := ports[0], ports[1]
	r := &Runtime{URL: fmt.Sprintf("http://127.0.0.1:%d", port), log: &syncBuffer{}, done: make(chan struct{})}
	r.cmd = exec.Command(bin, "dev", "--config", cfg, "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--inspector-ip", "127.0.0.1", "--inspector-port", fmt.Sprint(inspector),
		"--persist-to", state, "--var", "PAGE_URL:"+page, "--show-interactive-dev-session=false", "--log-level", "warn")
	r.cmd.Dir = filepath.Dir(cfg)
	r.cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "NO_COLOR=1")
	r.cmd.Stdout, r.cmd.Stderr = r.log, r.log
	// Its own process group, so that Kill stops workerd too.
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := r.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { r.err = r.cmd.Wait(); close(r.done) }()
	if err := r.waitReady(); err != nil {
		r.Kill()
		return nil, err
	}
	return r, nil
}

func freePorts(n int) ([]int, error) {
	// All held open at once, so the n are different.
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitReady polls until the worker answers a request for an unknown link
// with its JSON 404: wrangler is up, the wasm loaded and KV answering.
func (r *Runtime) waitReady() error {
	deadline := time.After(90 * time.Second)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		res, err := client.Get(r.URL + "/api/links/AAAAAAAAAAAAAAAA")
		if err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusNotFound && strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				return nil
			}
			return fmt.Errorf("worker not ready: GET of an unknown link = %d %s\nwrangler:\n%s", res.StatusCode, body, r.Log())
		}
		select {
		case <-r.done:
			return fmt.Errorf("wrangler exited before it was ready: %v\n%s", r.err, r.Log())
		case <-deadline:
			return fmt.Errorf("wrangler not ready after 90 s (last error %v)\n%s", err, r.Log())
		case <-tick.C:
		}
	}
}

// Stop ends wrangler as a user does, with SIGINT, and waits for it.
func (r *Runtime) Stop() error {
	if err := r.cmd.Process.Signal(os.Interrupt); err != nil {
		return err
	}
	select {
	case <-r.done:
		return nil
	case <-time.After(30 * time.Second):
		r.Kill()
		return errors.New("wrangler did not stop on SIGINT\n" + r.Log())
	}
}

// Kill stops the whole process group if it still runs: for cleanup after
// a failure. It is safe to call after Stop.
func (r *Runtime) Kill() {
	select {
	case <-r.done:
		return
	default:
	}
	syscall.Kill(-r.cmd.Process.Pid, syscall.SIGINT)
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
		<-r.done
	}
}

// Log returns what wrangler printed so far.
func (r *Runtime) Log() string { return r.log.String() }

// syncBuffer collects wrangler's output for failure messages.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
