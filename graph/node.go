package graph

import (
	"skillgraph/graph/model"
	"skillgraph/kb"
)

// lookupNode resolves a node ID to its object, nil when no node has it. A
// string that is not a node ID at all is an EINVALID error.
func lookupNode(g *kb.Graph, id string) (model.Node, error) {
	kind, slug, err := kb.ParseNodeID(id)
	if err != nil {
		return nil, err
	}
	var node model.Node
	switch kind {
	case kb.KindStage:
		node = nilIfNone(g.Stage(slug))
	case kb.KindRequirement:
		node = nilIfNone(g.Requirement(slug))
	case kb.KindSkill:
		node = nilIfNone(g.Skill(slug))
	case kb.KindTrait:
		node = nilIfNone(g.Trait(slug))
	case kb.KindCategory:
		node = nilIfNone(g.Category(slug))
	}
	return node, nil
}

// nilIfNone keeps a typed nil pointer from becoming a non-nil interface.
func nilIfNone[T any](p *T) model.Node {
	if p == nil {
		return nil
	}
	return p
}

// searchHits resolves search hits to their nodes, dropping hits whose node
// the graph no longer has (the index and the graph may differ briefly while
// data changes).
func searchHits(g *kb.Graph, hits []kb.SearchHit) []*model.SearchHit {
	out := make([]*model.SearchHit, 0, len(hits))
	for _, h := range hits {
		node, err := lookupNode(g, h.Node)
		if err != nil || node == nil {
			continue
		}
		out = append(out, &model.SearchHit{Node: node, Snippet: h.Snippet, Score: h.Score, Field: h.Field})
	}
	return out
}
