-- A posting-signal trait may carry the rule by which it fires on postings
-- other than the article's (kb.SignalRule), stored as one JSON object: a
-- rule is one value, read and written whole with its trait. '' is no rule.

-- +goose Up
ALTER TABLE trait ADD COLUMN rule TEXT NOT NULL DEFAULT '' CHECK (rule = '' OR json_valid(rule));

-- +goose Down
ALTER TABLE trait DROP COLUMN rule;
