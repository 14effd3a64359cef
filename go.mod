module tcpplayground

go 1.26

require honnef.co/go/js/dom/v2 v2.0.0-20250304181735-b5e52f05e89d

require github.com/andybalholm/brotli v1.1.1

require github.com/syumai/workers v0.32.0
