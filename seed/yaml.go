package seed

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"skillgraph/kb"
)

// yamlFile is a parsed seed file. Its AST is kept after decoding so a problem
// found later, in the dataset, can still be pointed at the line it came from.
type yamlFile struct {
	name      string   // path relative to the seed root
	body      ast.Node // nil for an empty file
	stageless bool     // a stage file that names no stage; see addStage
}

// step is one element of a path into a YAML document: a mapping key, or a
// sequence index when key is "".
type step struct {
	key   string
	index int
}

func key(k string) step      { return step{key: k} }
func index(i int) step       { return step{index: i} }
func (s step) isIndex() bool { return s.key == "" }

// parseYAML parses data into a yamlFile, or reports why it cannot.
func (l *loader) parseYAML(name string, data []byte) (*yamlFile, bool) {
	f, err := safeParse(data)
	if err != nil {
		l.addYAMLError(name, err)
		return nil, false
	}
	file := &yamlFile{name: name}
	for i, doc := range f.Docs {
		switch {
		case i == 0:
			file.body = doc.Body
		case doc.Body != nil:
			line, col := nodePos(doc.Body)
			l.add(name, line, col, "a seed file holds one YAML document; this one is ignored")
		}
	}
	return file, true
}

// decodeInto checks the shape of the file against v's type, then decodes it.
// The shape check runs first because goccy stops at the first unknown key
// and names Go types in its messages; the check reports every unknown key and
// misshapen value in the words of the file.
func (l *loader) decodeInto(f *yamlFile, v any) bool {
	if f.body == nil {
		return true
	}
	c := shapeChecker{l: l, file: f.name}
	c.check(f.body, reflect.TypeOf(v).Elem())
	if c.misshapen > 0 {
		return false
	}
	opts := []yaml.DecodeOption{yaml.DisallowUnknownField()}
	if c.unknown > 0 {
		// Every unknown key is reported already; decode the rest so the
		// checks that follow still run.
		opts = nil
	}
	if err := safeDecode(f.body, v, opts...); err != nil {
		l.addYAMLError(f.name, err)
		return false
	}
	return true
}

// errParserPanic stands for a panic inside the YAML library: a broken file must
// be reported, never crash the program that loads it.
var errParserPanic = errors.New("the YAML parser failed on this file")

func safeParse(data []byte) (f *ast.File, err error) {
	defer recoverInto(&err)
	return parser.ParseBytes(data, 0)
}

func safeDecode(node ast.Node, v any, opts ...yaml.DecodeOption) (err error) {
	defer recoverInto(&err)
	return yaml.NodeToValue(node, v, opts...)
}

func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", errParserPanic, r)
	}
}

// addYAMLError reports an error of goccy at its position, with the message
// alone: goccy's Error() also draws the source, which a list of problems does
// not want.
func (l *loader) addYAMLError(file string, err error) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		pos := ye.GetToken().Position
		l.add(file, pos.Line, pos.Column, ye.GetMessage())
		return
	}
	l.add(file, 0, 0, err.Error())
}

// shapeChecker walks a YAML tree along a Go type, reporting unknown keys and
// values of the wrong shape (a list where a text is expected, …).
type shapeChecker struct {
	l                  *loader
	file               string
	unknown, misshapen int
}

func (c *shapeChecker) check(n ast.Node, t reflect.Type) {
	n = unwrap(n)
	if n == nil || n.Type() == ast.NullType || n.Type() == ast.AliasType {
		return // absent, or an alias whose anchor is checked where it is defined
	}
	switch t.Kind() {
	case reflect.Pointer:
		c.check(n, t.Elem())
	case reflect.Struct:
		c.checkStruct(n, t)
	case reflect.Map:
		c.checkMap(n, t)
	case reflect.Slice:
		c.checkSlice(n, t)
	case reflect.Int:
		if n.Type() != ast.IntegerType {
			c.misshape(n, "a whole number")
		}
	case reflect.Float64:
		if n.Type() != ast.IntegerType && n.Type() != ast.FloatType {
			c.misshape(n, "a number")
		}
	default:
		if !isScalar(n) {
			c.misshape(n, "a text")
		}
	}
}

func (c *shapeChecker) checkStruct(n ast.Node, t reflect.Type) {
	values, ok := mappingValues(n)
	if !ok {
		c.misshape(n, "a mapping of "+strings.Join(yamlKeys(t), ", "))
		return
	}
	for _, mv := range values {
		name := keyName(mv)
		field, ok := fieldByKey(t, name)
		if !ok {
			c.unknownKey(mv, name, yamlKeys(t))
			continue
		}
		c.check(mv.Value, field.Type)
	}
}

func (c *shapeChecker) checkMap(n ast.Node, t reflect.Type) {
	values, ok := mappingValues(n)
	if !ok {
		c.misshape(n, "a mapping such as {ko: …, en: …}")
		return
	}
	for _, mv := range values {
		c.check(mv.Value, t.Elem())
	}
}

func (c *shapeChecker) checkSlice(n ast.Node, t reflect.Type) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		c.misshape(n, "a list")
		return
	}
	for _, v := range seq.Values {
		c.check(v, t.Elem())
	}
}

func (c *shapeChecker) unknownKey(mv *ast.MappingValueNode, name string, known []string) {
	c.unknown++
	line, col := nodePos(mv)
	msg := fmt.Sprintf("unknown key %q", name)
	if best, ok := kb.Closest(name, known); ok {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	} else {
		msg += ": want one of " + strings.Join(known, ", ")
	}
	c.l.add(c.file, line, col, msg)
}

func (c *shapeChecker) misshape(n ast.Node, want string) {
	c.misshapen++
	line, col := nodePos(n)
	c.l.add(c.file, line, col, fmt.Sprintf("want %s, got %s", want, describe(n)))
}

// describe names a node's shape the way a person editing YAML would.
func describe(n ast.Node) string {
	switch n.Type() {
	case ast.MappingType, ast.MappingValueType:
		return "a mapping"
	case ast.SequenceType:
		return "a list"
	case ast.IntegerType, ast.FloatType:
		return "a number"
	}
	return fmt.Sprintf("%q", n.GetToken().Value)
}

func isScalar(n ast.Node) bool {
	_, ok := n.(ast.ScalarNode)
	return ok
}

// fieldByKey finds the struct field whose yaml tag is name.
func fieldByKey(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); yamlKey(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func yamlKeys(t reflect.Type) []string {
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = yamlKey(t.Field(i))
	}
	return keys
}

func yamlKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

// unwrap skips anchors and tags, which say nothing about the value's shape.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

func keyName(mv *ast.MappingValueNode) string {
	if tk := mv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return mv.Key.String()
}

// nodePos is where a person sees a node start. A block mapping's own token
// is its first ':', so it is placed at its first key instead.
func nodePos(n ast.Node) (line, col int) {
	switch v := n.(type) {
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return nodePos(v.Values[0])
		}
	case *ast.MappingValueNode:
		return tokenPos(v.Key.GetToken())
	}
	return tokenPos(n.GetToken())
}

func tokenPos(tk *token.Token) (line, col int) {
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// locate returns the position of path in the file. When the path does not
// exist (a missing English text, say) it falls back to its longest existing
// prefix, so the problem points at the node or key that lacks it.
func (f *yamlFile) locate(path []step) (line, col int) {
	for n := len(path); n > 0; n-- {
		if line, col, ok := f.find(path[:n]); ok {
			return line, col
		}
	}
	return 1, 1
}

// find returns the position of the node at path: for a key, its value when
// that is a scalar, else the key itself (a block's first line is the key's);
// for an index, the item.
func (f *yamlFile) find(path []step) (line, col int, ok bool) {
	parent := f.body
	for _, s := range path[:len(path)-1] {
		if parent = child(parent, s); parent == nil {
			return 0, 0, false
		}
	}
	last := path[len(path)-1]
	if last.isIndex() {
		n := child(parent, last)
		if n == nil {
			return 0, 0, false
		}
		line, col = nodePos(n)
		return line, col, true
	}
	mv := lookupKey(parent, last.key)
	if mv == nil {
		return 0, 0, false
	}
	if v := unwrap(mv.Value); isScalar(v) && v.Type() != ast.NullType {
		line, col = nodePos(v)
	} else {
		line, col = nodePos(mv)
	}
	return line, col, true
}

func lookupKey(n ast.Node, name string) *ast.MappingValueNode {
	values, _ := mappingValues(unwrap(n))
	i := slices.IndexFunc(values, func(mv *ast.MappingValueNode) bool { return keyName(mv) == name })
	if i < 0 {
		return nil
	}
	return values[i]
}

// childQuoted returns the step to the item of the list or mapping at path
// whose value msg starts by quoting, e.g. the alias in `"Spark" is already a
// name or alias of skill "spark"`, so the problem points at that very item.
func (f *yamlFile) childQuoted(path []step, msg string) (step, bool) {
	n := f.body
	for _, s := range path {
		if n = child(n, s); n == nil {
			return step{}, false
		}
	}
	switch v := unwrap(n).(type) {
	case *ast.SequenceNode:
		for i, item := range v.Values {
			if quotes(msg, item) {
				return index(i), true
			}
		}
	case *ast.MappingNode:
		for _, mv := range v.Values {
			if quotes(msg, mv.Value) {
				return key(keyName(mv)), true
			}
		}
	}
	return step{}, false
}

func child(n ast.Node, s step) ast.Node {
	if n == nil {
		return nil
	}
	if s.isIndex() {
		seq, ok := unwrap(n).(*ast.SequenceNode)
		if !ok || s.index >= len(seq.Values) {
			return nil
		}
		return seq.Values[s.index]
	}
	if mv := lookupKey(n, s.key); mv != nil {
		return mv.Value
	}
	return nil
}

func quotes(msg string, n ast.Node) bool {
	if !isScalar(n) || n.GetToken() == nil {
		return false
	}
	return strings.HasPrefix(msg, fmt.Sprintf("%q", n.GetToken().Value))
}
