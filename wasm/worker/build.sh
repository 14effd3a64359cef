#!/usr/bin/env bash
# build.sh [DIR]: build the short-link worker into DIR (default
# wasm/worker/build/): worker.mjs, runtime.mjs and wasm_exec.js from
# syumai/workers, and app.wasm. tests/internal/workertest runs this script
# too, so the tests run the worker as it is deployed.
set -euo pipefail
out="$(realpath -m "${1:-$(dirname "$0")/build}")"
cd "$(dirname "$0")"
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/app.wasm" .
