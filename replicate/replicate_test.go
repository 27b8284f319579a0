package replicate

import (
	"strings"
	"testing"

	"github.com/benbjohnson/litestream/file"
	litenats "github.com/benbjohnson/litestream/nats"
)

func TestNewClient(t *testing.T) {
	tests := []struct {
		target string
		want   string // the client's directory, or its servers and bucket
		err    string
	}{
		{target: "file:///var/lib/kb", want: "/var/lib/kb"},
		{target: "/var/lib/kb", want: "/var/lib/kb"},
		{target: "nats://n1:4222/kb", want: "nats://n1:4222 kb"},
		{target: "nats://n1:4222,n2:4222,n3:4222/kb", want: "nats://n1:4222,nats://n2:4222,nats://n3:4222 kb"},
		{target: "", err: "no replica URL"},
		{target: "nats://n1:4222", err: "name one bucket"},
		{target: "nats://n1:4222/a/b", err: "name one bucket"},
		{target: "s3://bucket/kb", err: "want file:// or nats://"},
	}
	for _, tt := range tests {
		c, err := NewClient(tt.target)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("NewClient(%q) = %v, want an error with %q", tt.target, err, tt.err)
			}
			continue
		}
		var got string
		switch c := c.(type) {
		case *file.ReplicaClient:
			got = c.Path()
		case *litenats.ReplicaClient:
			got = c.URL + " " + c.BucketName
		}
		if err != nil || got != tt.want {
			t.Errorf("NewClient(%q) = %q, %v; want %q", tt.target, got, err, tt.want)
		}
	}
}
