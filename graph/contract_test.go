package graph_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The API contract the explorer, scripts and acceptance checks rely on: the
// core, and posting analysis, which extends its Query. The files under
// testdata/ are copies of the team's shared contract;
// TestContractCopyIsCurrent keeps them honest where the shared ones are
// present.
var contractFiles = []string{"contract.graphql", "contract-posting.graphql"}

const sharedDir = "../../shared"

// loadSchema parses the files as one schema.
func loadSchema(t *testing.T, paths ...string) *ast.Schema {
	t.Helper()
	var sources []*ast.Source
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: filepath.Base(path), Input: string(src)})
	}
	schema, gqlErr := gqlparser.LoadSchema(sources...)
	if gqlErr != nil {
		t.Fatalf("parse %v: %v", paths, gqlErr)
	}
	return schema
}

// TestSchemaImplementsContract checks that every type, field, argument,
// default and nullability of the contract holds in schema.graphqls. Extra
// fields, and extra arguments with defaults or nullable types, are allowed.
func TestSchemaImplementsContract(t *testing.T) {
	var copies []string
	for _, name := range contractFiles {
		copies = append(copies, filepath.Join("testdata", name))
	}
	contract := loadSchema(t, copies...)
	schema := loadSchema(t, "../schema.graphqls")
	for name, want := range contract.Types {
		if want.BuiltIn {
			continue
		}
		got := schema.Types[name]
		if got == nil {
			t.Errorf("type %s is missing", name)
			continue
		}
		if got.Kind != want.Kind {
			t.Errorf("type %s is %s, want %s", name, got.Kind, want.Kind)
		}
		for _, iface := range want.Interfaces {
			if !contains(got.Interfaces, iface) {
				t.Errorf("type %s does not implement %s", name, iface)
			}
		}
		for _, v := range want.EnumValues {
			if got.EnumValues.ForName(v.Name) == nil {
				t.Errorf("enum %s lacks %s", name, v.Name)
			}
		}
		for _, wf := range want.Fields {
			checkField(t, name, wf, got.Fields.ForName(wf.Name))
		}
	}
}

func checkField(t *testing.T, typeName string, want, got *ast.FieldDefinition) {
	t.Helper()
	if got == nil {
		t.Errorf("%s.%s is missing", typeName, want.Name)
		return
	}
	if got.Type.String() != want.Type.String() {
		t.Errorf("%s.%s has type %s, want %s", typeName, want.Name, got.Type, want.Type)
	}
	for _, wa := range want.Arguments {
		ga := got.Arguments.ForName(wa.Name)
		switch {
		case ga == nil:
			t.Errorf("%s.%s lacks argument %s", typeName, want.Name, wa.Name)
		case ga.Type.String() != wa.Type.String():
			t.Errorf("%s.%s(%s) has type %s, want %s", typeName, want.Name, wa.Name, ga.Type, wa.Type)
		case valueString(ga.DefaultValue) != valueString(wa.DefaultValue):
			t.Errorf("%s.%s(%s) defaults to %s, want %s", typeName, want.Name, wa.Name, valueString(ga.DefaultValue), valueString(wa.DefaultValue))
		}
	}
	for _, ga := range got.Arguments {
		if want.Arguments.ForName(ga.Name) == nil && ga.Type.NonNull && ga.DefaultValue == nil {
			t.Errorf("%s.%s adds required argument %s: existing queries would break", typeName, want.Name, ga.Name)
		}
	}
}

func valueString(v *ast.Value) string {
	if v == nil {
		return "(none)"
	}
	return v.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestContractCopyIsCurrent(t *testing.T) {
	for _, name := range contractFiles {
		shared, err := os.ReadFile(filepath.Join(sharedDir, name))
		if err != nil {
			t.Skipf("no shared contract beside the repository (%v); checking the copies only", err)
		}
		copied, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(shared, copied) {
			t.Errorf("testdata/%s differs from %s/%s: copy the shared contract again and make the schema implement it", name, sharedDir, name)
		}
	}
}
