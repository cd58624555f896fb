-- The runs of the mock server's PostgreSQL store (--db-url). One row per run; the primary key
-- (app_id, id) makes loading the same runs twice a no-op (INSERT ... ON CONFLICT DO NOTHING).
--
-- Ids are ordered as Java's String.compareTo orders them (the in-memory store's tie-break): byte
-- order, hence COLLATE "C", whatever the database's default collation is.
--
-- search is "toLowerCase(Locale.ROOT) on both sides" (the contract). PostgreSQL's lower() depends
-- on the database's locale provider and lowers one character at a time, so it differs from Java on
-- some text (U+0130 'İ' becomes "i̇" in Java, a final 'Σ' becomes 'ς'). The loader therefore stores
-- each searchable text lowered by Java (*_lower) and the store matches the lowered term inside them
-- with LIKE, its wildcards escaped: the same answer on any server, whatever its locale.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE runs (
  app_id            text COLLATE "C" NOT NULL,
  id                text COLLATE "C" NOT NULL,
  seq               bigint           NOT NULL,  -- position in its load (StoredRun.sequence)
  type              text             NOT NULL CHECK (type IN ('llm', 'tool', 'chain', 'agent')),
  name              text             NOT NULL,
  created_at        timestamptz      NOT NULL,
  ended_at          timestamptz,
  duration_ms       bigint,                     -- ended_at - created_at; null while unfinished
  prompt_tokens     bigint           NOT NULL,
  completion_tokens bigint           NOT NULL,
  tags              text[]           NOT NULL,
  input             text             NOT NULL,
  output            text,
  error             text,
  input_lower       text COLLATE "C" NOT NULL,
  output_lower      text COLLATE "C",
  error_lower       text COLLATE "C",
  user_id           text,
  user_created_at   timestamptz,
  user_last_seen    timestamptz,
  user_props        json,                       -- json, not jsonb: the keys keep their order
  cost              numeric          NOT NULL CHECK (cost >= 0),
  PRIMARY KEY (app_id, id),
  CHECK ((ended_at IS NULL) = (duration_ms IS NULL)),
  CHECK ((output IS NULL) = (output_lower IS NULL)),
  CHECK ((error IS NULL) = (error_lower IS NULL))
);

-- The window and the order: every query is one app, a created_at range, ordered by (created_at, id).
CREATE INDEX runs_app_created_id ON runs (app_id, created_at, id);

-- tags: any of the given ones (tags && array).
CREATE INDEX runs_tags ON runs USING gin (tags);

-- search: a substring of the lowered texts (LIKE '%term%'; trigrams serve terms of 3+ characters).
CREATE INDEX runs_input_trgm ON runs USING gin (input_lower gin_trgm_ops);
CREATE INDEX runs_output_trgm ON runs USING gin (output_lower gin_trgm_ops);
CREATE INDEX runs_error_trgm ON runs USING gin (error_lower gin_trgm_ops);
