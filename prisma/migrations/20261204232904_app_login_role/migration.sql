-- The app server logs in as linli_app itself (APP_DATABASE_URL, possibly through PgBouncer):
-- it never holds the owner's connection, so it cannot leave its role (RESET ROLE changes
-- nothing). Migrations cannot read the environment: the password comes from
-- LINLI_APP_PASSWORD, set by the migrate step (server/db/migrate.ts) after this runs.
-- Several databases on one server may be migrated at once (tests): the role is shared, so a
-- concurrent ALTER of the same role is tolerated.
DO $$
BEGIN
  IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'linli_app') THEN
    ALTER ROLE linli_app LOGIN;
  END IF;
EXCEPTION WHEN internal_error THEN
  NULL; -- "tuple concurrently updated": a parallel migration made it LOGIN
END
$$;

-- pg-boss runs as linli_app, in a schema that role owns (it creates its own tables there).
CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION linli_app;

-- Before this migration the server ran pg-boss on the owner's connection, so an existing
-- pgboss schema and its objects belong to the owner: hand them to linli_app.
DO $$
DECLARE
  r record;
BEGIN
  IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'pgboss') <> (SELECT oid FROM pg_roles WHERE rolname = 'linli_app') THEN
    EXECUTE 'ALTER SCHEMA pgboss OWNER TO linli_app';
  END IF;
  FOR r IN
    SELECT c.oid::regclass AS rel FROM pg_class c
    WHERE c.relnamespace = 'pgboss'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = 'linli_app')
  LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO linli_app', r.rel);
  END LOOP;
  -- sequences not already moved with their table
  FOR r IN
    SELECT c.oid::regclass AS rel FROM pg_class c
    WHERE c.relnamespace = 'pgboss'::regnamespace AND c.relkind = 'S'
      AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = 'linli_app')
  LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO linli_app', r.rel);
  END LOOP;
  FOR r IN
    SELECT t.oid::regtype AS typ FROM pg_type t
    WHERE t.typnamespace = 'pgboss'::regnamespace AND t.typtype IN ('e', 'd')
      AND t.typowner <> (SELECT oid FROM pg_roles WHERE rolname = 'linli_app')
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO linli_app', r.typ);
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS fn FROM pg_proc p
    WHERE p.pronamespace = 'pgboss'::regnamespace
      AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = 'linli_app')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO linli_app', r.fn);
  END LOOP;
END
$$;
