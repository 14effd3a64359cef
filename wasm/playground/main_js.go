package main

func main() {
	p := newPage()
	p.start()
	select {} // keep the Go runtime alive for the page
}
