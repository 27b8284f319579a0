//go:build !race

package main

// raceEnabled reports a build with the race detector, which makes every
// request and every write some ten times slower: load tests scale down.
const raceEnabled = false
