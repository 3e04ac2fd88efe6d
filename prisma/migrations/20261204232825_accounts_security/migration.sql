-- AlterTable
ALTER TABLE "FeeSettings" ADD COLUMN     "requireSecondApprover" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Credential" (
    "userId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SecretThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "noticeSent" BOOLEAN NOT NULL DEFAULT false,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SecretThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SignUpRequest" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "companyName" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignUpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevokedSession" (
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RevokedSession_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "AccountMessage" (
    "id" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "AccountMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SecretThrottle_lastAt_idx" ON "SecretThrottle"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignUpRequest_tokenHash_key" ON "SignUpRequest"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- CreateIndex
CREATE INDEX "RevokedSession_expiresAt_idx" ON "RevokedSession"("expiresAt");

-- CreateIndex
CREATE INDEX "AccountMessage_status_createdAt_idx" ON "AccountMessage"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Hand-written: accounts security (issue #12, W5) ─────────────────────────────────

-- Password hashes move out of "User" into "Credential" (existing hashes kept), then the
-- column goes. The app role gets no grant on the tables that hold hashes or links.
INSERT INTO "Credential" ("userId", "passwordHash")
  SELECT "id", "passwordHash" FROM "User" WHERE "passwordHash" IS NOT NULL;
ALTER TABLE "User" DROP COLUMN "passwordHash";

REVOKE ALL ON TABLE "Credential" FROM linli_app;
REVOKE ALL ON TABLE "SignUpRequest" FROM linli_app;
REVOKE ALL ON TABLE "AccountMessage" FROM linli_app;
REVOKE ALL ON TABLE "SecretThrottle" FROM linli_app;

-- The password hash for an e-mail (sign-in). No row when the e-mail is unknown.
CREATE OR REPLACE FUNCTION linli_password_for_email(p_email text)
RETURNS TABLE (user_id text, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u."id", c."passwordHash" FROM "User" u LEFT JOIN "Credential" c ON c."userId" = u."id"
  WHERE u."email" = p_email;
$$;

-- The password hash of a user (password change).
CREATE OR REPLACE FUNCTION linli_password_of_user(p_user_id text)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c."passwordHash" FROM "Credential" c WHERE c."userId" = p_user_id;
$$;

-- Sets a user's password hash.
CREATE OR REPLACE FUNCTION linli_set_password(p_user_id text, p_hash text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO "Credential" ("userId", "passwordHash", "updatedAt") VALUES (p_user_id, p_hash, now())
  ON CONFLICT ("userId") DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", "updatedAt" = now();
$$;

-- A pending sign-up, and claiming it (once, before it expires) when its link is opened.
CREATE OR REPLACE FUNCTION linli_sign_up_request(
  p_token_hash text, p_email text, p_name text, p_company text, p_slug text, p_hash text, p_expires timestamptz)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO "SignUpRequest" ("id", "tokenHash", "email", "name", "companyName", "slug", "passwordHash", "expiresAt")
  VALUES (gen_random_uuid()::text, p_token_hash, p_email, p_name, p_company, p_slug, p_hash, p_expires);
$$;

CREATE OR REPLACE FUNCTION linli_claim_sign_up(p_token_hash text)
RETURNS TABLE (email text, name text, company_name text, slug text, password_hash text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE "SignUpRequest" r SET "usedAt" = now()
  WHERE r."tokenHash" = p_token_hash AND r."usedAt" IS NULL AND r."expiresAt" > now()
  RETURNING r."email", r."name", r."companyName", r."slug", r."passwordHash";
$$;

-- Account e-mails (no company): enqueue, claim for delivery, settle.
CREATE OR REPLACE FUNCTION linli_account_message(p_recipient text, p_subject text, p_body text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO "AccountMessage" ("id", "recipient", "subject", "body") VALUES (gen_random_uuid()::text, p_recipient, p_subject, p_body);
$$;

CREATE OR REPLACE FUNCTION linli_account_message_claim(p_limit int)
RETURNS TABLE (id text, recipient text, subject text, body text, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE "AccountMessage" o SET "attempts" = o."attempts" + 1
  WHERE o."id" IN (
    SELECT m."id" FROM "AccountMessage" m
    WHERE m."status" = 'PENDING' AND m."attempts" < 5
    ORDER BY m."createdAt" LIMIT p_limit FOR UPDATE SKIP LOCKED)
  RETURNING o."id", o."recipient", o."subject", o."body", o."attempts";
$$;

-- Sent: the body (which may hold a link) is dropped. Failed: kept for the next attempt.
CREATE OR REPLACE FUNCTION linli_account_message_settle(p_id text, p_error text, p_final boolean)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE "AccountMessage" SET
    "status" = CASE WHEN p_error IS NULL THEN 'SENT'::"OutboxStatus" WHEN p_final THEN 'FAILED'::"OutboxStatus" ELSE 'PENDING'::"OutboxStatus" END,
    "sentAt" = CASE WHEN p_error IS NULL THEN now() ELSE NULL END,
    "body" = CASE WHEN p_error IS NULL THEN '' ELSE "body" END,
    "lastError" = p_error
  WHERE "id" = p_id AND "status" = 'PENDING';
$$;

-- One throttle for every secret check (server/auth/throttle.ts). One call per attempt,
-- BEFORE the secret is checked: it locks the attempt's counters (in key order, so
-- concurrent attempts cannot deadlock), refuses with the seconds to wait, or counts the
-- attempt as a failure. A correct secret then gives it back (linli_throttle_success), so
-- N concurrent guesses can never check more than the limit allows.
--   pair = kind+subject+IP: 5 failures in 15 min → locked 1, 2, 4 … 60 min (reset after a
--          quiet day); a stranger's failures from one address do not lock another address.
--   ip   = IP over every kind: 30 failures in 15 min → wait for the window's end.
--   day  = kind+subject over every IP: 50 failures in 24 h → one attempt a minute.
-- A NULL subject (e.g. a reset link, a random token) counts per IP only.
CREATE OR REPLACE FUNCTION linli_throttle_attempt(p_kind text, p_subject text, p_ip text, p_now timestamptz DEFAULT now())
RETURNS TABLE (allowed boolean, retry_after int, day_failures int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  k_pair text := CASE WHEN p_subject IS NULL THEN NULL ELSE p_kind || ':pair:' || p_subject || '|' || p_ip END;
  k_ip   text := 'ip:' || p_ip;
  k_day  text := CASE WHEN p_subject IS NULL THEN NULL ELSE p_kind || ':day:' || p_subject END;
  r "SecretThrottle";
  wait_until timestamptz := p_now;
  day_n int := 0;
BEGIN
  INSERT INTO "SecretThrottle" ("key", "windowStart", "lastAt")
    SELECT k, p_now, p_now FROM unnest(ARRAY[k_pair, k_ip, k_day]) AS k WHERE k IS NOT NULL ORDER BY k
    ON CONFLICT ("key") DO NOTHING;
  PERFORM 1 FROM "SecretThrottle" WHERE "key" IN (k_pair, k_ip, k_day) ORDER BY "key" FOR UPDATE;

  -- Windows that have passed start again.
  UPDATE "SecretThrottle" SET "failures" = 0, "windowStart" = p_now,
    "lockouts" = CASE WHEN "lastAt" < p_now - interval '1 day' THEN 0 ELSE "lockouts" END
    WHERE "key" IN (k_pair, k_ip) AND "windowStart" <= p_now - interval '15 minutes';
  UPDATE "SecretThrottle" SET "failures" = 0, "windowStart" = p_now, "noticeSent" = false
    WHERE "key" = k_day AND "windowStart" <= p_now - interval '1 day';

  IF k_pair IS NOT NULL THEN
    SELECT * INTO r FROM "SecretThrottle" WHERE "key" = k_pair;
    IF r."lockedUntil" > wait_until THEN wait_until := r."lockedUntil"; END IF;
  END IF;
  SELECT * INTO r FROM "SecretThrottle" WHERE "key" = k_ip;
  IF r."failures" >= 30 AND r."windowStart" + interval '15 minutes' > wait_until THEN
    wait_until := r."windowStart" + interval '15 minutes';
  END IF;
  IF k_day IS NOT NULL THEN
    SELECT * INTO r FROM "SecretThrottle" WHERE "key" = k_day;
    day_n := r."failures";
    IF r."failures" >= 50 AND r."lastAt" + interval '1 minute' > wait_until THEN
      wait_until := r."lastAt" + interval '1 minute';
    END IF;
  END IF;

  IF wait_until > p_now THEN
    RETURN QUERY SELECT false, greatest(1, ceil(extract(epoch FROM wait_until - p_now)))::int, day_n;
    RETURN;
  END IF;

  UPDATE "SecretThrottle" SET "failures" = "failures" + 1, "lastAt" = p_now
    WHERE "key" IN (k_ip, k_day);
  IF k_pair IS NOT NULL THEN
    UPDATE "SecretThrottle" SET
      "failures"    = CASE WHEN "failures" + 1 >= 5 THEN 0 ELSE "failures" + 1 END,
      "windowStart" = CASE WHEN "failures" + 1 >= 5 THEN p_now ELSE "windowStart" END,
      "lockedUntil" = CASE WHEN "failures" + 1 >= 5 THEN p_now + least(60, power(2, "lockouts"))::int * interval '1 minute' ELSE "lockedUntil" END,
      "lockouts"    = CASE WHEN "failures" + 1 >= 5 THEN "lockouts" + 1 ELSE "lockouts" END,
      "lastAt" = p_now
      WHERE "key" = k_pair;
  END IF;
  RETURN QUERY SELECT true, 0, day_n + CASE WHEN k_day IS NULL THEN 0 ELSE 1 END;
END
$$;

-- The secret was right: the attempt was not a failure.
CREATE OR REPLACE FUNCTION linli_throttle_success(p_kind text, p_subject text, p_ip text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM "SecretThrottle" WHERE p_subject IS NOT NULL AND "key" = p_kind || ':pair:' || p_subject || '|' || p_ip;
  UPDATE "SecretThrottle" SET "failures" = greatest(0, "failures" - 1)
    WHERE "key" IN ('ip:' || p_ip, CASE WHEN p_subject IS NULL THEN NULL ELSE p_kind || ':day:' || p_subject END);
$$;

-- True once per day window when an account has reached the daily cap (the owner is told).
CREATE OR REPLACE FUNCTION linli_throttle_notice_due(p_kind text, p_subject text)
RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH due AS (
    UPDATE "SecretThrottle" SET "noticeSent" = true
    WHERE "key" = p_kind || ':day:' || p_subject AND "failures" >= 50 AND NOT "noticeSent"
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM due);
$$;

-- Forgets counters that no longer matter (background job).
CREATE OR REPLACE FUNCTION linli_throttle_prune(p_now timestamptz DEFAULT now())
RETURNS int
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH gone AS (
    DELETE FROM "SecretThrottle"
    WHERE "lastAt" < p_now - interval '1 day' AND coalesce("lockedUntil", p_now) <= p_now
    RETURNING 1)
  SELECT count(*)::int FROM gone;
$$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'linli_password_for_email(text)', 'linli_password_of_user(text)', 'linli_set_password(text, text)',
    'linli_sign_up_request(text, text, text, text, text, text, timestamptz)', 'linli_claim_sign_up(text)',
    'linli_account_message(text, text, text)', 'linli_account_message_claim(int)',
    'linli_account_message_settle(text, text, boolean)',
    'linli_throttle_attempt(text, text, text, timestamptz)', 'linli_throttle_success(text, text, text)',
    'linli_throttle_notice_due(text, text)', 'linli_throttle_prune(timestamptz)']
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO linli_app', f);
  END LOOP;
END
$$;
