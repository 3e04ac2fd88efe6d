-- Security layer that schema.prisma cannot express: the application role, its grants,
-- row-level security on every tenant-owned table, and the few SECURITY DEFINER functions
-- used by flows that have no tenant yet. Runs as the database owner.

-- The app's queries run as linli_app: no superuser, no BYPASSRLS, owns nothing, so RLS
-- applies to it. Created only if missing; a parallel creator on the same server (another
-- test database being migrated at the same moment) is tolerated.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_app') THEN
    CREATE ROLE linli_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

-- The migrating user connects and switches to linli_app (`-c role=linli_app`), which
-- needs membership unless it is a superuser.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT linli_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO linli_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO linli_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO linli_app;
-- Tables and sequences created by later migrations are granted too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO linli_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO linli_app;
-- (The engine's shadow database has no _prisma_migrations table.)
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON TABLE "_prisma_migrations" FROM linli_app;
  END IF;
END
$$;

-- Turns on row-level security for a tenant-owned table: rows are visible and writable
-- only while app.tenant_id (set per transaction by the app) equals their tenantId. With
-- no tenant set, current_setting(..., true) is NULL or '' and nothing matches.
-- Later migrations call this for every new tenant-owned table.
CREATE OR REPLACE FUNCTION linli_secure_tenant_table(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING ("tenantId" = current_setting(''app.tenant_id'', true)) '
    'WITH CHECK ("tenantId" = current_setting(''app.tenant_id'', true))', tbl);
END
$$;
REVOKE ALL ON FUNCTION linli_secure_tenant_table(regclass) FROM PUBLIC;

SELECT linli_secure_tenant_table('"Membership"');
SELECT linli_secure_tenant_table('"Invitation"');
SELECT linli_secure_tenant_table('"Community"');
SELECT linli_secure_tenant_table('"Building"');
SELECT linli_secure_tenant_table('"Unit"');
SELECT linli_secure_tenant_table('"Resident"');
SELECT linli_secure_tenant_table('"AuditLog"');

-- The audit log is append-only for the app.
REVOKE UPDATE, DELETE ON TABLE "AuditLog" FROM linli_app;

-- Tenants: anyone may look a company up by slug (the URL names it anyway) and sign up a
-- new one; only the company in scope may be changed.
ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON "Tenant" FOR SELECT USING (true);
CREATE POLICY tenant_create ON "Tenant" FOR INSERT WITH CHECK (true);
CREATE POLICY tenant_update ON "Tenant" FOR UPDATE
  USING ("id" = current_setting('app.tenant_id', true))
  WITH CHECK ("id" = current_setting('app.tenant_id', true));
REVOKE DELETE ON TABLE "Tenant" FROM linli_app;

-- ── Tenantless flows (STYLE.md: server/db/system.ts) ───────────────────────────────
-- Each returns the least it must. Owned by the migration owner, search_path pinned,
-- callable by linli_app only.

-- The companies a user belongs to (sign-in redirect, company switcher).
CREATE OR REPLACE FUNCTION linli_user_memberships(p_user_id text)
RETURNS TABLE (tenant_id text, slug text, name text, role text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t."id", t."slug", t."name", m."role"::text, m."status"::text
  FROM "Membership" m JOIN "Tenant" t ON t."id" = m."tenantId"
  WHERE m."userId" = p_user_id
  ORDER BY t."name";
$$;

-- An invitation by the hash of its token (accepting an invitation link).
CREATE OR REPLACE FUNCTION linli_invitation_by_token(p_token_hash text)
RETURNS TABLE (tenant_id text, invitation_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i."tenantId", i."id" FROM "Invitation" i WHERE i."tokenHash" = p_token_hash;
$$;

REVOKE ALL ON FUNCTION linli_user_memberships(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_invitation_by_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_user_memberships(text) TO linli_app;
GRANT EXECUTE ON FUNCTION linli_invitation_by_token(text) TO linli_app;

-- Quantities that must never be zero or negative.
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_area_positive" CHECK ("area" > 0);
