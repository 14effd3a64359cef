#!/usr/bin/env bash
# build.sh: build the short-link worker into wasm/worker/build/ (worker.mjs,
# runtime.mjs, wasm_exec.js from syumai/workers, app.wasm).
set -euo pipefail
cd "$(dirname "$0")"
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o build
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o build/app.wasm .
