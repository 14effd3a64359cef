//go:build !js

package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tcpplayground/tests/internal/browsertest"
)

var update = flag.Bool("update", false, "rewrite site/icons/icon-*.png from icon.svg")

// TestIconPNGsMatchSVG renders site/icons/icon.svg in Chromium at 192 and
// 512 pixels and compares the result with the committed PNGs, so the PNGs
// can never drift from the SVG. With -update it writes them instead.
func TestIconPNGsMatchSVG(t *testing.T) {
	svg := filepath.Join(root, "site", "icons", "icon.svg")
	for _, size := range []int{192, 512} {
		p := browser.NewPage(t)
		var shot []byte
		p.Run(chromedp.EmulateViewport(int64(size), int64(size)),
			chromedp.Navigate("file://"+svg),
			chromedp.CaptureScreenshot(&shot))
		name := filepath.Join(root, "site", "icons", "icon-"+strconv.Itoa(size)+".png")
		if *update {
			if err := os.WriteFile(name, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := png.Decode(bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		if d := imageDiff(got, committed); d > 0.01 {
			t.Errorf("%s differs from icon.svg rendered at %d px in %.1f%% of its pixels (go test ./tests/browser -run IconPNGs -update)", name, size, 100*d)
		}
	}
}

// imageDiff returns the fraction of pixels that differ by more than a few
// levels in some channel (anti-aliasing may vary between Chromium builds),
// or 1 when the sizes differ.
func imageDiff(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	r := a.Bounds()
	differ := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				differ++
			}
		}
	}
	return float64(differ) / float64(r.Dx()*r.Dy())
}

func far(a, b uint32) bool { return a>>8 > b>>8+8 || b>>8 > a>>8+8 }

// TestManifestAndInstallability asks Chromium for the page's web app
// manifest (no parse errors, every icon loads as the size it claims) and,
// once the service worker runs, whether the page is installable.
func TestManifestAndInstallability(t *testing.T) {
	s, err := browsertest.Serve(root, site.Dir) // an origin of its own in the shared profile
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := browser.NewPage(t, browsertest.InBrowserProfile())
	p.Navigate(s.URL + "/")
	p.WaitReady()
	var state string
	p.Eval(swActivated, &state)
	var url, data string
	var errs []*page.AppManifestError
	var installErrs []*page.InstallabilityError
	p.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		url, errs, data, _, err = page.GetAppManifest().Do(ctx)
		if err != nil {
			return err
		}
		installErrs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	for _, e := range errs {
		t.Errorf("manifest %s line %d: %s", url, e.Line, e.Message)
	}
	for _, e := range installErrs {
		t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
	}
	var m struct {
		Icons []struct{ Src, Sizes, Type string }
	}
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatalf("manifest %s: %v", url, err)
	}
	if len(m.Icons) < 3 {
		t.Errorf("manifest has %d icons, want the SVG, 192 and 512", len(m.Icons))
	}
	for _, ic := range m.Icons {
		resp, err := http.Get(site.URL + "/" + ic.Src)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		body.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ic.Type {
			t.Errorf("icon %s: status %d, Content-Type %q; want 200, %s", ic.Src, resp.StatusCode, resp.Header.Get("Content-Type"), ic.Type)
			continue
		}
		if ic.Type != "image/png" {
			continue
		}
		cfg, err := png.DecodeConfig(&body)
		if err != nil || fmt.Sprintf("%dx%d", cfg.Width, cfg.Height) != ic.Sizes {
			t.Errorf("icon %s is %dx%d (%v), manifest says %s", ic.Src, cfg.Width, cfg.Height, err, ic.Sizes)
		}
	}
}
