// Package posting reads a job posting the way the article reads its two:
// what it asks (its sections, the skills it names), which company stage it
// resembles and exactly why (the article's own lines), and how far a reader
// is from it.
//
// It works on the knowledge base's graph (package kb) and the standard
// library, with golang.org/x/text for Unicode normalization:
//
//   - sections: headings in the forms job sites use (## 자격요건, ■ 주요업무,
//     [우대 사항], **필수 요건**, What you'll do, Nice to have, …) mapped to
//     responsibilities, required and preferred qualifications, or OTHER
//     (company, benefits, process, conditions), whose items never count as
//     requirements; items are bullets or lines;
//   - skills: the vocabulary's names and aliases in free text, after NFC and
//     width folding, longest first, with Korean particles attached (Kafka와,
//     쿠버네티스를) and case and context rules for names that are also words
//     (Go, R, Hive);
//   - stage: the traits' rules (kb.SignalRule, in the seed files) and the
//     article requirements each item reads like, summed into log-odds and
//     turned into probabilities (see the stage rule in signals.go);
//   - gap: the reader against the posting's own required and preferred
//     items, with the article's any-of choices and broader links.
//
// Everything is computed in memory from the graph: no SQL per posting. An
// Analyzer is built once per graph (Cache keeps the served graph's).
package posting
