//go:build linux && !amd64 && !386

package tun

import "syscall"

const sysSetns = syscall.SYS_SETNS
