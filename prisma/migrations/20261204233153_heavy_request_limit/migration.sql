-- CreateTable
CREATE TABLE "HeavyRequestLease" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "HeavyRequestLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HeavyRequestLease_userId_startedAt_idx" ON "HeavyRequestLease"("userId", "startedAt");

-- ── Hand-written: per-user limit of heavy reports (issue #12, W6) ───────────────────
-- The app role reads and writes the leases only through the two functions below, which take
-- a per-user transaction advisory lock (fine under PgBouncer transaction pooling), so the
-- check and the insert are one atomic step on every app server.
REVOKE ALL ON TABLE "HeavyRequestLease" FROM linli_app;

-- Starts a heavy request for p_user unless it already has p_concurrent in flight or started
-- p_per_minute in the last minute. ok = false comes with the seconds to wait. A lease whose
-- server died ends by itself at p_lease_seconds.
CREATE OR REPLACE FUNCTION linli_heavy_acquire(p_user text, p_concurrent int, p_per_minute int, p_lease_seconds int)
RETURNS TABLE (ok boolean, lease_id text, retry_after int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_active int;
  v_recent int;
  v_oldest timestamptz;
  v_id text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('linli_heavy:' || p_user, 0));
  DELETE FROM "HeavyRequestLease"
   WHERE "userId" = p_user AND "startedAt" < v_now - interval '1 minute'
     AND ("finishedAt" IS NOT NULL OR "expiresAt" < v_now);
  SELECT count(*) FILTER (WHERE "finishedAt" IS NULL AND "expiresAt" > v_now),
         count(*) FILTER (WHERE "startedAt" > v_now - interval '1 minute'),
         min("startedAt") FILTER (WHERE "startedAt" > v_now - interval '1 minute')
    INTO v_active, v_recent, v_oldest
    FROM "HeavyRequestLease" WHERE "userId" = p_user;
  IF v_active >= p_concurrent THEN
    RETURN QUERY SELECT false, NULL::text, 2;
    RETURN;
  END IF;
  IF v_recent >= p_per_minute THEN
    RETURN QUERY SELECT false, NULL::text,
      greatest(1, ceil(extract(epoch FROM (v_oldest + interval '1 minute' - v_now)))::int);
    RETURN;
  END IF;
  v_id := gen_random_uuid()::text;
  INSERT INTO "HeavyRequestLease" ("id", "userId", "startedAt", "expiresAt")
  VALUES (v_id, p_user, v_now, v_now + make_interval(secs => p_lease_seconds));
  RETURN QUERY SELECT true, v_id, 0;
END;
$$;

CREATE OR REPLACE FUNCTION linli_heavy_release(p_lease text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE "HeavyRequestLease" SET "finishedAt" = clock_timestamp() WHERE "id" = p_lease AND "finishedAt" IS NULL;
$$;

REVOKE ALL ON FUNCTION linli_heavy_acquire(text, int, int, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_heavy_release(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_heavy_acquire(text, int, int, int) TO linli_app;
GRANT EXECUTE ON FUNCTION linli_heavy_release(text) TO linli_app;
