// Package tun gives a test a TUN device inside its own network namespace, so
// that a user-space TCP endpoint can exchange raw IPv4 packets with the Linux
// kernel's TCP stack without touching the host's network.
//
// The namespace is named per test run (prefix plus process id), deleted when
// the test ends, and stale namespaces left by earlier runs with the same
// prefix are removed first. The device is tun0 with 10.0.0.1/24 on the kernel
// side; the user-space endpoint uses another address of that subnet. The TUN
// file descriptor is opened from an OS thread that has entered the namespace
// (setns), carries raw IPv4 (IFF_TUN|IFF_NO_PI, no offloads, so every packet
// is a whole MTU-sized segment with real checksums) and stays open for the
// whole test: the kernel was seen to lose its first reply when a TUN had just
// been opened (TCP-REFERENCE.md §2).
//
// It needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) and iproute2's ip.
package tun
