package playground

// Version is the version of the page's own files, the <version> of their
// URLs, for the black-box tests.
func Version() string { return version }
