//go:build linux

package tun

// sysSetns is setns(2)'s number; the syscall package lacks it on 386.
const sysSetns = 346
