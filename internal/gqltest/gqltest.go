// Package gqltest posts GraphQL requests to a running server over real
// HTTP, for the end-to-end tests of the program, of the explorer and of a
// cluster of nodes.
package gqltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// Error is one error of a GraphQL answer.
type Error struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the error's extensions.code, "" without one.
func (e Error) Code() string {
	code, _ := e.Extensions["code"].(string)
	return code
}

// Response is a GraphQL answer and its HTTP status.
type Response struct {
	Data       json.RawMessage `json:"data"`
	Errors     []Error         `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
	Status     int             `json:"-"`
}

// Post sends query and its variables to url (a server's /query) as a JSON
// POST with the given extra headers, through client (http.DefaultClient
// when nil), and decodes the answer.
func Post(client *http.Client, url, query string, vars map[string]any, headers map[string]string) (Response, error) {
	if client == nil {
		client = http.DefaultClient
	}
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return Response{}, err
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	var out Response
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return Response{}, fmt.Errorf("%s: decode the answer: %w", resp.Status, err)
	}
	out.Status = resp.StatusCode
	return out, nil
}
