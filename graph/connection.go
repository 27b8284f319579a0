package graph

import (
	"skillgraph/graph/model"
	"skillgraph/kb"
)

// skillConnection pages through skills in data order: first skills after
// the one the cursor names.
func skillConnection(all []*kb.Skill, first int, after *string) (*model.SkillConnection, error) {
	start := 0
	if after != nil {
		id, err := decodeCursor(*after)
		if err != nil {
			return nil, err
		}
		start = -1
		for i, s := range all {
			if kb.NodeID(kb.KindSkill, s.Slug) == id {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, kb.Errorf(kb.EINVALID, "cursor %q names no skill in this list", *after)
		}
	}
	end := min(len(all), start+first)
	conn := &model.SkillConnection{
		TotalCount: len(all),
		PageInfo:   &model.PageInfo{HasNextPage: end < len(all), HasPreviousPage: start > 0},
		Edges:      make([]*model.SkillEdge, 0, end-start),
	}
	for _, s := range all[start:end] {
		conn.Edges = append(conn.Edges, &model.SkillEdge{Cursor: encodeCursor(kb.NodeID(kb.KindSkill, s.Slug)), Node: s})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	return conn, nil
}
