-- ── Hand-written: phone sign-in and SMS (issue #14) ─────────────────────────────────
-- PhoneCode and SmsSend have no grant for the app role (online_payment migration): these
-- SECURITY DEFINER functions are its only way to them (server/db/system.ts).

-- A mainland mobile number's 11 digits from what a resident record holds ("138 0013 8000",
-- "+86 138-0013-8000"); the same rule as server/shared/phone.ts, minus its validation.
CREATE OR REPLACE FUNCTION linli_phone_digits(p text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN length(d) = 13 AND left(d, 2) = '86' THEN substr(d, 3)
    WHEN length(d) = 15 AND left(d, 4) = '0086' THEN substr(d, 5)
    ELSE d END
  FROM (SELECT regexp_replace(coalesce(p, ''), '\D', '', 'g') AS d) x;
$$;

-- SMS send caps, counted on SmsSend rows: per phone 1 per 60 s, 5 per hour, 10 per day; per IP
-- 20 per hour (an empty IP, e.g. a notification, counts per phone only). Locks the phone (and
-- the IP) for the rest of the statement's transaction, phone before IP, so concurrent requests
-- for one phone are counted one after the other and never pass the caps together. Allowed →
-- the send is recorded; refused → the seconds until one more is allowed, nothing recorded.
CREATE OR REPLACE FUNCTION linli_sms_reserve(p_phone text, p_ip text, p_kind text, p_now timestamptz DEFAULT now())
RETURNS TABLE (allowed boolean, retry_after int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  wait_until timestamptz := p_now;
  t timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('linli-sms-phone:' || p_phone, 0));
  IF coalesce(p_ip, '') <> '' THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('linli-sms-ip:' || p_ip, 0));
  END IF;

  -- For a cap of N per window: the N-th newest send in the window; once it leaves the window,
  -- one more is allowed.
  SELECT s."at" INTO t FROM "SmsSend" s
    WHERE s."phone" = p_phone AND s."at" > p_now - interval '60 seconds' AND s."at" <= p_now
    ORDER BY s."at" DESC LIMIT 1;
  IF t IS NOT NULL AND t + interval '60 seconds' > wait_until THEN wait_until := t + interval '60 seconds'; END IF;
  t := NULL;
  SELECT s."at" INTO t FROM "SmsSend" s
    WHERE s."phone" = p_phone AND s."at" > p_now - interval '1 hour' AND s."at" <= p_now
    ORDER BY s."at" DESC OFFSET 4 LIMIT 1;
  IF t IS NOT NULL AND t + interval '1 hour' > wait_until THEN wait_until := t + interval '1 hour'; END IF;
  t := NULL;
  SELECT s."at" INTO t FROM "SmsSend" s
    WHERE s."phone" = p_phone AND s."at" > p_now - interval '1 day' AND s."at" <= p_now
    ORDER BY s."at" DESC OFFSET 9 LIMIT 1;
  IF t IS NOT NULL AND t + interval '1 day' > wait_until THEN wait_until := t + interval '1 day'; END IF;
  IF coalesce(p_ip, '') <> '' THEN
    t := NULL;
    SELECT s."at" INTO t FROM "SmsSend" s
      WHERE s."ip" = p_ip AND s."at" > p_now - interval '1 hour' AND s."at" <= p_now
      ORDER BY s."at" DESC OFFSET 19 LIMIT 1;
    IF t IS NOT NULL AND t + interval '1 hour' > wait_until THEN wait_until := t + interval '1 hour'; END IF;
  END IF;

  IF wait_until > p_now THEN
    RETURN QUERY SELECT false, greatest(1, ceil(extract(epoch FROM wait_until - p_now)))::int;
    RETURN;
  END IF;
  INSERT INTO "SmsSend" ("id", "phone", "ip", "kind", "at")
    VALUES (gen_random_uuid()::text, p_phone, coalesce(p_ip, ''), p_kind, p_now);
  RETURN QUERY SELECT true, 0;
END
$$;

-- A new sign-in code for a phone (only its hash): the phone's older codes die with it.
CREATE OR REPLACE FUNCTION linli_phone_code_issue(p_phone text, p_hash text, p_expires timestamptz, p_now timestamptz DEFAULT now())
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('linli-phone-code:' || p_phone, 0));
  UPDATE "PhoneCode" SET "consumedAt" = p_now WHERE "phone" = p_phone AND "consumedAt" IS NULL;
  INSERT INTO "PhoneCode" ("id", "phone", "codeHash", "expiresAt", "createdAt")
    VALUES (gen_random_uuid()::text, p_phone, p_hash, p_expires, p_now);
END
$$;

-- Uses a code once: true when it is the phone's live, unexpired code (it is then spent).
CREATE OR REPLACE FUNCTION linli_phone_code_consume(p_phone text, p_hash text, p_now timestamptz DEFAULT now())
RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH used AS (
    UPDATE "PhoneCode" SET "consumedAt" = p_now
    WHERE "phone" = p_phone AND "codeHash" = p_hash AND "consumedAt" IS NULL AND "expiresAt" > p_now
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM used);
$$;

-- Codes and send records that no longer count for anything (background job).
CREATE OR REPLACE FUNCTION linli_phone_prune(p_now timestamptz DEFAULT now())
RETURNS int
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH c AS (DELETE FROM "PhoneCode" WHERE "createdAt" < p_now - interval '1 day' RETURNING 1),
       s AS (DELETE FROM "SmsSend" WHERE "at" < p_now - interval '2 days' RETURNING 1)
  SELECT ((SELECT count(*) FROM c) + (SELECT count(*) FROM s))::int;
$$;

-- The user and password hash for a phone (sign-in by phone and password). No row when unknown.
CREATE OR REPLACE FUNCTION linli_password_for_phone(p_phone text)
RETURNS TABLE (user_id text, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u."id", c."passwordHash" FROM "User" u LEFT JOIN "Credential" c ON c."userId" = u."id"
  WHERE u."phone" = p_phone;
$$;

-- Residents (not archived) whose phone is this one, in every company: who may sign in by
-- phone, and where they are linked. The trigram index on "phone" finds the candidates by the
-- last four digits (contiguous in every usual way of writing a number).
CREATE OR REPLACE FUNCTION linli_residents_by_phone(p_phone text)
RETURNS TABLE (tenant_id text, resident_id text, name text, user_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r."tenantId", r."id", r."name", r."userId" FROM "Resident" r
  WHERE r."phone" LIKE '%' || right(p_phone, 4) || '%'
    AND linli_phone_digits(r."phone") = p_phone AND r."archivedAt" IS NULL
  ORDER BY r."createdAt";
$$;

-- Open invitations by phone (not accepted, revoked or expired), in every company.
CREATE OR REPLACE FUNCTION linli_invitations_by_phone(p_phone text, p_now timestamptz DEFAULT now())
RETURNS TABLE (tenant_id text, invitation_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i."tenantId", i."id" FROM "Invitation" i
  WHERE i."phone" = p_phone AND i."acceptedAt" IS NULL AND i."revokedAt" IS NULL AND i."expiresAt" > p_now
  ORDER BY i."createdAt";
$$;

-- Account messages gain a channel: an SMS (a sign-in code) goes to a phone.
CREATE OR REPLACE FUNCTION linli_account_message(p_recipient text, p_subject text, p_body text, p_channel text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO "AccountMessage" ("id", "channel", "recipient", "subject", "body")
  VALUES (gen_random_uuid()::text, p_channel::"OutboxChannel", p_recipient, p_subject, p_body);
$$;

DROP FUNCTION linli_account_message_claim(int);
CREATE FUNCTION linli_account_message_claim(p_limit int)
RETURNS TABLE (id text, channel text, recipient text, subject text, body text, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE "AccountMessage" o SET "attempts" = o."attempts" + 1
  WHERE o."id" IN (
    SELECT m."id" FROM "AccountMessage" m
    WHERE m."status" = 'PENDING' AND m."attempts" < 5
    ORDER BY m."createdAt" LIMIT p_limit FOR UPDATE SKIP LOCKED)
  RETURNING o."id", o."channel"::text, o."recipient", o."subject", o."body", o."attempts";
$$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'linli_sms_reserve(text, text, text, timestamptz)',
    'linli_phone_code_issue(text, text, timestamptz, timestamptz)', 'linli_phone_code_consume(text, text, timestamptz)',
    'linli_phone_prune(timestamptz)', 'linli_password_for_phone(text)', 'linli_residents_by_phone(text)',
    'linli_invitations_by_phone(text, timestamptz)', 'linli_account_message(text, text, text, text)',
    'linli_account_message_claim(int)']
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO linli_app', f);
  END LOOP;
END
$$;
