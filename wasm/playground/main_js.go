package main

import (
	"strings"
	"time"

	"honnef.co/go/js/dom/v2"
)

func main() {
	doc := dom.GetWindow().Document()
	app := doc.GetElementByID("app")
	boot := doc.GetElementByID("boot")
	lines, err := firstLightLines(4000, 10*time.Millisecond)
	if boot != nil {
		boot.ParentNode().RemoveChild(boot)
	}
	intro := doc.CreateElement("p")
	intro.SetTextContent("Two real TCP endpoints, A and B, 10 ms apart: the 3-way handshake, 4000 bytes from A to B, and the 4-way teardown. Every segment below was produced by the endpoint code that also talks to the Linux kernel.")
	app.AppendChild(intro)
	if err != nil {
		msg := doc.CreateElement("p")
		msg.Class().SetString("error")
		msg.SetTextContent("The simulation stopped: " + err.Error())
		app.AppendChild(msg)
	}
	pre := doc.CreateElement("pre")
	pre.Class().SetString("trace")
	pre.SetAttribute("id", "trace")
	pre.SetTextContent(strings.Join(lines, "\n"))
	app.AppendChild(pre)
	doc.DocumentElement().SetAttribute("data-status", "ready")
	select {} // keep the Go runtime alive for the page
}
