-- Counts that do not grow with the window: how many runs of each app were created on each UTC day
-- (run_counts) and in each UTC month (run_month_counts), by type, name and set of tags. A query's
-- total over a window that holds whole days is the SUM of those months' and days' groups that its
-- type, model and tag filters select, plus the exact COUNT of `runs` in the partial days at the
-- window's two ends (PostgresRunStore). Filters the groups cannot express (search, durations)
-- always count `runs`.
--
-- The counts are kept by the database itself, with statement-level triggers on `runs` (one upsert
-- per statement, from its transition table): every writer keeps them right, the store's loader,
-- an older mock server that knows nothing of this table, or a hand-written INSERT or DELETE; and
-- they change in the writer's transaction, so a load that fails or is killed leaves both tables
-- as they were.

-- no writer adds runs while the counts of those already there are taken
LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE;

-- The UTC day of an instant, as days since 1970-01-01 (exact, also before year 1).
CREATE OR REPLACE FUNCTION run_day(at timestamptz) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (timezone('UTC', at))::date - DATE '1970-01-01' $$;

-- The first day of the UTC month of a day (both as days since 1970-01-01; proleptic Gregorian, as
-- Java's LocalDate).
CREATE OR REPLACE FUNCTION run_month(day integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('month', (DATE '1970-01-01' + day)::timestamp)::date - DATE '1970-01-01' $$;

-- A run's tags as a set: sorted in byte order, so that [a, b] and [b, a] count in one group
-- (tags && ? does not care for the order).
CREATE OR REPLACE FUNCTION run_tag_set(tags text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT t FROM unnest(tags) AS t ORDER BY t COLLATE "C") $$;

CREATE TABLE run_counts (
  app_id text COLLATE "C" NOT NULL,
  day    integer          NOT NULL,  -- run_day(created_at)
  type   text             NOT NULL,
  name   text             NOT NULL,
  tags   text[]           NOT NULL,  -- run_tag_set(tags)
  runs   bigint           NOT NULL,
  PRIMARY KEY (app_id, day, type, name, tags)
);

-- the same groups per month; day: the month's first
CREATE TABLE run_month_counts (LIKE run_counts INCLUDING ALL);

INSERT INTO run_counts (app_id, day, type, name, tags, runs)
  SELECT app_id, run_day(created_at), type, name, run_tag_set(tags), COUNT(*)
  FROM runs GROUP BY 1, 2, 3, 4, 5;
INSERT INTO run_month_counts (app_id, day, type, name, tags, runs)
  SELECT app_id, run_month(day), type, name, tags, SUM(runs)
  FROM run_counts GROUP BY 1, 2, 3, 4, 5;

-- One function for every kind of write (each trigger names only the transition tables its event
-- has; PL/pgSQL plans a statement when it first runs it). SECURITY DEFINER: a role that may write
-- `runs` keeps the counts without a grant on run_counts; the search path is fixed for the same
-- reason. A group whose runs all went stays, at 0.
CREATE OR REPLACE FUNCTION run_counts_keep() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
  AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM run_counts;
    DELETE FROM run_month_counts;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    WITH g AS (
      SELECT app_id, run_day(created_at) AS day, type, name, run_tag_set(tags) AS tags,
        COUNT(*) AS runs
      FROM removed GROUP BY 1, 2, 3, 4, 5
    ), days AS (
      UPDATE run_counts AS c SET runs = c.runs - g.runs FROM g
      WHERE (c.app_id, c.day, c.type, c.name, c.tags) = (g.app_id, g.day, g.type, g.name, g.tags)
    )
    UPDATE run_month_counts AS c SET runs = c.runs - m.runs
    FROM (SELECT app_id, run_month(day) AS day, type, name, tags, SUM(runs) AS runs
          FROM g GROUP BY 1, 2, 3, 4, 5) AS m
    WHERE (c.app_id, c.day, c.type, c.name, c.tags) = (m.app_id, m.day, m.type, m.name, m.tags);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    WITH g AS (
      SELECT app_id, run_day(created_at) AS day, type, name, run_tag_set(tags) AS tags,
        COUNT(*) AS runs
      FROM added GROUP BY 1, 2, 3, 4, 5
    ), days AS (
      INSERT INTO run_counts AS c (app_id, day, type, name, tags, runs)
        SELECT app_id, day, type, name, tags, runs FROM g
      ON CONFLICT (app_id, day, type, name, tags) DO UPDATE SET runs = c.runs + EXCLUDED.runs
    )
    INSERT INTO run_month_counts AS c (app_id, day, type, name, tags, runs)
      SELECT app_id, run_month(day), type, name, tags, SUM(runs) FROM g GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (app_id, day, type, name, tags) DO UPDATE SET runs = c.runs + EXCLUDED.runs;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_count_insert AFTER INSERT ON runs REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION run_counts_keep();
CREATE TRIGGER runs_count_delete AFTER DELETE ON runs REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION run_counts_keep();
CREATE TRIGGER runs_count_update AFTER UPDATE ON runs
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION run_counts_keep();
CREATE TRIGGER runs_count_truncate AFTER TRUNCATE ON runs
  FOR EACH STATEMENT EXECUTE FUNCTION run_counts_keep();
