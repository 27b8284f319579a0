package seed

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestScalar(t *testing.T) {
	tests := []struct {
		in, block, flow string // flow "" means the same as block
	}{
		// Plain where that is safe.
		{"python", "python", ""},
		{"Apache Spark", "Apache Spark", ""},
		{"빅데이터·분산 처리", "빅데이터·분산 처리", ""},
		{"Python/Java/Scala/Kotlin/Go 등", "Python/Java/Scala/Kotlin/Go 등", ""},
		{"it's", "it's", ""},
		{`available ("one that does not go down")`, `available ("one that does not go down")`, ""},
		{"3 years", "3 years", ""},
		{"1) 급성장", "1) 급성장", ""},
		{"a -> b", "a -> b", ""},
		{"...more", "...more", ""},
		{"~home", "~home", ""},
		{"yesterday", "yesterday", ""},
		{"non", "non", ""},
		{"v1.2", "v1.2", ""},
		{"a\u00a0b", "a\u00a0b", ""}, // a no-break space inside is a visible character
		// Plain in a block, quoted in a flow collection.
		{"a, b", "a, b", `"a, b"`},
		{"x[1]", "x[1]", `"x[1]"`},
		{"a{b}", "a{b}", `"a{b}"`},
		{"http://x", "http://x", `"http://x"`},
		{"a:b", "a:b", `"a:b"`},
		// Empty, or spaces at either end.
		{"", `""`, ""},
		{" ", `" "`, ""},
		{" lead", `" lead"`, ""},
		{"trail ", `"trail "`, ""},
		{"\u3000wide", "\"\u3000wide\"", ""},
		// Indicators first.
		{"-x", `"-x"`, ""},
		{"- x", `"- x"`, ""},
		{"---", `"---"`, ""},
		{"?x", `"?x"`, ""},
		{":x", `":x"`, ""},
		{",x", `",x"`, ""},
		{"[x", `"[x"`, ""},
		{"]x", `"]x"`, ""},
		{"{x", `"{x"`, ""},
		{"}x", `"}x"`, ""},
		{"#x", `"#x"`, ""},
		{"&x", `"&x"`, ""},
		{"*x", `"*x"`, ""},
		{"!x", `"!x"`, ""},
		{"|x", `"|x"`, ""},
		{">x", `">x"`, ""},
		{"'x'", `"'x'"`, ""},
		{`"Stable and efficient"`, `"\"Stable and efficient\""`, ""},
		{"%x", `"%x"`, ""},
		{"@x", `"@x"`, ""},
		{"`x`", "\"`x`\"", ""},
		// A key, a comment.
		{"a: b", `"a: b"`, ""},
		{"a:", `"a:"`, ""},
		{"a #b", `"a #b"`, ""},
		{"C#", `"C#"`, ""}, // go-yaml quotes any '#'
		{"a<<b", `"a<<b"`, ""},
		{"<<", `"<<"`, ""},
		// What YAML 1.2 or 1.1 reads as something other than a string.
		{"true", `"true"`, ""},
		{"False", `"False"`, ""},
		{"NULL", `"NULL"`, ""},
		{"~", `"~"`, ""},
		{"yes", `"yes"`, ""},
		{"No", `"No"`, ""},
		{"on", `"on"`, ""},
		{"OFF", `"OFF"`, ""},
		{"y", `"y"`, ""},
		{"N", `"N"`, ""},
		{"=", `"="`, ""},
		{"123", `"123"`, ""},
		{"-1", `"-1"`, ""},
		{"+1", `"+1"`, ""},
		{"007", `"007"`, ""},
		{"1_000", `"1_000"`, ""},
		{"0x1F", `"0x1F"`, ""},
		{"0o17", `"0o17"`, ""},
		{"0b101", `"0b101"`, ""},
		{".5", `".5"`, ""},
		{"1.", `"1."`, ""},
		{"3.14", `"3.14"`, ""},
		{"1.2.3", `"1.2.3"`, ""},
		{"1e3", `"1e3"`, ""},
		{"-2.5E-3", `"-2.5E-3"`, ""},
		{"12:30", `"12:30"`, ""},
		{"190:20:30.15", `"190:20:30.15"`, ""},
		{".inf", `".inf"`, ""},
		{"-.Inf", `"-.Inf"`, ""},
		{".NaN", `".NaN"`, ""},
		{"2024-01-02", `"2024-01-02"`, ""},
		{"2001-12-14t21:59:43.10-05:00", `"2001-12-14t21:59:43.10-05:00"`, ""},
		{"2001-12-14 21:59:43.10 -5", `"2001-12-14 21:59:43.10 -5"`, ""},
		// Escapes: JSON's, and \u for anything invisible.
		{"line\nbreak", `"line\nbreak"`, ""},
		{"tab\there", `"tab\there"`, ""},
		{"cr\r", `"cr\r"`, ""},
		{`back\slash`, `"back\\slash"`, ""},
		{"\x00", `"\u0000"`, ""},
		{"bell\a", `"bell\u0007"`, ""},
		{"del\x7f", `"del\u007F"`, ""},
		{"nel\u0085", `"nel\u0085"`, ""},
		{"ls\u2028ps\u2029", `"ls\u2028ps\u2029"`, ""},
		{"\ufeffbom", `"\uFEFFbom"`, ""},
		{"zw\u200bsp", `"zw\u200Bsp"`, ""},
		{"tag\U000E0001", `"tag\U000E0001"`, ""},
		{"😀 한국어 \"q\"", "😀 한국어 \"q\"", ""},
	}
	for _, tt := range tests {
		flow := tt.flow
		if flow == "" {
			flow = tt.block
		}
		if got := scalar(tt.in, blockContext); got != tt.block {
			t.Errorf("scalar(%q, block) = %s, want %s", tt.in, got, tt.block)
		}
		if got := scalar(tt.in, flowContext); got != flow {
			t.Errorf("scalar(%q, flow) = %s, want %s", tt.in, got, flow)
		}
	}
}

// scalarPieces are what the strings of TestScalarRoundTrip are made of: YAML's
// indicators, keywords and number forms, line breaks, escapes and invisible
// characters, Korean, and other text.
var scalarPieces = []string{
	"a", "Z", "0", "1", "9", ".", "-", "+", "e", "x", "_", ":", " ", "  ", "#", ",", "[", "]", "{", "}",
	"'", "\"", "\\", "\n", "\t", "\r", "?", "!", "&", "*", "|", ">", "<", "%", "@", "`", "~", "=", "/",
	"<<", "yes", "no", "null", "true", "Off", ".inf", ".nan", "0x", "0o7", "0b1", "1e3", "1_0", ".5", "T",
	"2024-01-02", "12:30", "---", "...", "- ", "? ", ": ", " #", "a: b", "!!str", "&a", "*a", "%YAML",
	"http://x", "C#", "\\n", "\\u0041", "가", "한국어", "자격요건", "—", "é", "😀",
	"\x00", "\x01", "\x0b", "\x1b", "\x7f", "\u0085", "\u00a0", "\u00ad", "\u200b", "\u2028", "\u2029",
	"\u3000", "\ufeff", "\ufffe", "\U000E0001",
}

// randomString makes a string of pieces and random characters, any valid
// UTF-8 (NUL included).
func randomString(r *rand.Rand) string {
	var b strings.Builder
	for range 1 + r.IntN(r.IntN(12)+1) {
		switch r.IntN(8) {
		case 0:
			b.WriteRune(rune(0x20 + r.IntN(0x3000)))
		case 1:
			c := rune(r.IntN(0x110000))
			if 0xD800 <= c && c <= 0xDFFF { // a surrogate is not a character
				c = 'q'
			}
			b.WriteRune(c)
		case 2:
			b.WriteRune(rune(r.IntN(0x100)))
		default:
			b.WriteString(scalarPieces[r.IntN(len(scalarPieces))])
		}
	}
	return b.String()
}

// TestScalarRoundTrip writes many strings in every place the exporter writes
// a scalar and checks that the loader's own decoding reads each back
// exactly.
func TestScalarRoundTrip(t *testing.T) {
	type doc struct {
		Value    string            `yaml:"value"`
		List     []string          `yaml:"list"`
		Flow     map[string]string `yaml:"flow"`
		BlockKey map[string]string `yaml:"block_key"`
		FlowKey  map[string]string `yaml:"flow_key"`
	}
	r := rand.New(rand.NewPCG(2026, 11))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		s := randomString(r)
		if s == "other" {
			continue
		}
		b, f := scalar(s, blockContext), scalar(s, flowContext)
		text := "value: " + b + "\n" +
			"list: [" + f + ", other]\n" +
			"flow: {ko: " + f + ", en: other}\n" +
			"block_key:\n  " + b + ": v\n  other: w\n" +
			"flow_key: {" + f + ": v, other: w}\n"
		l := &loader{}
		var got doc
		decodeExported(l, "test.yaml", []byte(text), &got)
		want := doc{
			Value:    s,
			List:     []string{s, "other"},
			Flow:     map[string]string{"ko": s, "en": "other"},
			BlockKey: map[string]string{s: "v", "other": "w"},
			FlowKey:  map[string]string{s: "v", "other": "w"},
		}
		if len(l.problems) > 0 || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q does not read back:\n%s\ngot %#v\n%v", s, text, got, newError(l.problems))
		}
	}
}
