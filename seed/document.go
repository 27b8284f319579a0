package seed

import (
	"strings"
)

// document is an article under documents/, split into lines so a seed file
// can cite one by its 1-based number.
type document struct {
	name  string
	lines []string
}

func parseDocument(name string, data []byte) *document {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	return &document{name: name, lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n")}
}

// line returns line n (1-based) and whether it exists.
func (d *document) line(n int) (string, bool) {
	if n < 1 || n > len(d.lines) {
		return "", false
	}
	return d.lines[n-1], true
}

// bulletText returns the text of a list item: the line without its "- "
// marker and surrounding spaces. This is what a quote must equal.
func bulletText(line string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "- ")
	return strings.TrimSpace(rest), ok
}

// headingText returns the text of a heading of exactly the given level
// ("## " for 2), without its marks.
func headingText(line string, level int) (string, bool) {
	rest, ok := strings.CutPrefix(line, strings.Repeat("#", level)+" ")
	return strings.TrimSpace(rest), ok
}

// section returns the headings above line n, as "stage heading › part
// heading", and the line of the "## " heading it is under (0 for none).
// Lines in fenced code blocks are not headings, whatever they start with.
func (d *document) section(n int) (title string, h2Line int) {
	var h2, h3 string
	fenced := false
	for i := 1; i < n && i <= len(d.lines); i++ {
		line := d.lines[i-1]
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if fenced {
			continue
		}
		if t, ok := headingText(line, 2); ok {
			h2, h3, h2Line = t, "", i
		} else if t, ok := headingText(line, 3); ok {
			h3 = t
		}
	}
	return joinNonEmpty(" › ", h2, h3), h2Line
}

func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
