// Package i18n holds every string of the playground page's interface in
// English and Chinese, in the terms of the project's GLOSSARY.md (state,
// flag and field names stay in their RFC form, as Chinese textbooks keep
// them). The page's HTML marks translatable elements with data-i18n (text),
// data-i18n-label (aria-label) and data-i18n-title (tooltip) naming a key;
// the Go code fills them in on load and on every language switch. The
// narration itself is package narrate's.
package i18n
