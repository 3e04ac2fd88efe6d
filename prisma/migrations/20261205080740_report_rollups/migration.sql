-- CreateTable
CREATE TABLE "BillEvent" (
    "tenantId" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "counts" BOOLEAN NOT NULL,
    "grossFen" INTEGER NOT NULL,
    "adjustedFen" INTEGER NOT NULL,
    "paidFen" INTEGER NOT NULL,
    "outstandingFen" INTEGER NOT NULL,

    CONSTRAINT "BillEvent_pkey" PRIMARY KEY ("tenantId","billId","day")
);

-- CreateTable
CREATE TABLE "UnitPeriodEvent" (
    "tenantId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "billed" INTEGER NOT NULL,
    "unpaid" INTEGER NOT NULL,

    CONSTRAINT "UnitPeriodEvent_pkey" PRIMARY KEY ("tenantId","unitId","period","day")
);

-- CreateTable
CREATE TABLE "RateDay" (
    "tenantId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "counts" BOOLEAN NOT NULL,
    "day" DATE NOT NULL,
    "grossFen" BIGINT NOT NULL DEFAULT 0,
    "adjustedFen" BIGINT NOT NULL DEFAULT 0,
    "paidFen" BIGINT NOT NULL DEFAULT 0,
    "outstandingFen" BIGINT NOT NULL DEFAULT 0,
    "unitsBilled" INTEGER NOT NULL DEFAULT 0,
    "unitsUnpaid" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateDay_pkey" PRIMARY KEY ("tenantId","communityId","buildingId","period","counts","day")
);

-- CreateTable
CREATE TABLE "RateMonth" (
    "tenantId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "counts" BOOLEAN NOT NULL,
    "month" TEXT NOT NULL,
    "grossFen" BIGINT NOT NULL DEFAULT 0,
    "adjustedFen" BIGINT NOT NULL DEFAULT 0,
    "paidFen" BIGINT NOT NULL DEFAULT 0,
    "outstandingFen" BIGINT NOT NULL DEFAULT 0,
    "unitsBilled" INTEGER NOT NULL DEFAULT 0,
    "unitsUnpaid" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateMonth_pkey" PRIMARY KEY ("tenantId","communityId","buildingId","period","counts","month")
);

-- CreateTable
CREATE TABLE "RollupDirty" (
    "txid" BIGINT NOT NULL,
    "forTenant" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "fresh" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RollupDirty_pkey" PRIMARY KEY ("txid","forTenant","billId")
);

-- CreateTable
CREATE TABLE "RollupFlush" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "RollupFlush_pkey" PRIMARY KEY ("txid")
);

-- CreateTable
CREATE TABLE "WorkOrderFact" (
    "tenantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "rating" INTEGER,
    "firstResponseMet" BOOLEAN,
    "resolutionMet" BOOLEAN,
    "resolved" BOOLEAN NOT NULL,
    "reopened" BOOLEAN NOT NULL,
    "cancelled" BOOLEAN NOT NULL,
    "resolveMs" BIGINT,
    "targetMs" BIGINT,

    CONSTRAINT "WorkOrderFact_pkey" PRIMARY KEY ("tenantId","orderId")
);

-- CreateIndex
CREATE INDEX "BillEvent_tenantId_unitId_period_idx" ON "BillEvent"("tenantId", "unitId", "period");

-- CreateIndex
CREATE INDEX "UnitPeriodEvent_tenantId_period_communityId_idx" ON "UnitPeriodEvent"("tenantId", "period", "communityId");

-- CreateIndex
CREATE INDEX "RateDay_tenantId_communityId_buildingId_day_idx" ON "RateDay"("tenantId", "communityId", "buildingId", "day");

-- CreateIndex
CREATE INDEX "RateMonth_tenantId_buildingId_month_idx" ON "RateMonth"("tenantId", "buildingId", "month");

-- CreateIndex
CREATE INDEX "WorkOrderFact_tenantId_period_communityId_idx" ON "WorkOrderFact"("tenantId", "period", "communityId");

-- CreateIndex
CREATE INDEX "WorkOrderFact_tenantId_unitId_period_idx" ON "WorkOrderFact"("tenantId", "unitId", "period");

-- ── Report rollups (#16), kept in the transaction of every change ────────────────────
-- Statement triggers note the bills each statement touched (RollupDirty, by transaction);
-- a deferred constraint trigger on RollupFlush folds them in at COMMIT, so the rollup rows
-- are locked after every lock the ledger takes (server/payments/ledger.ts), never before.
-- The fold recomputes each dirty bill's events from the ledger (linli_bill_events: the
-- as-of rules of server/collection/as-of.ts, as day-by-day changes), subtracts what
-- BillEvent held for it, adds the new events, and applies the differences to RateDay and
-- RateMonth at three levels (company '*'/'*', community c/'*', building c/b); then the same
-- for the household state of the (unit, period) pairs involved (UnitPeriodEvent).
-- Concurrent folds of the same bills are serialized by advisory locks on 256 buckets of bill
-- ids per company, taken in key order. `SET LOCAL linli.rollup_skip = 'on'` turns the
-- triggers off for a bulk load, which then calls linli_rollup_rebuild(tenant) itself.
-- The app may read the rollups (RLS) but never write them: only these functions do.

SELECT linli_secure_tenant_table('"BillEvent"');
SELECT linli_secure_tenant_table('"UnitPeriodEvent"');
SELECT linli_secure_tenant_table('"RateDay"');
SELECT linli_secure_tenant_table('"RateMonth"');
SELECT linli_secure_tenant_table('"WorkOrderFact"');
REVOKE INSERT, UPDATE, DELETE ON "BillEvent", "UnitPeriodEvent", "RateDay", "RateMonth", "WorkOrderFact" FROM linli_app;
REVOKE ALL ON "RollupDirty", "RollupFlush" FROM linli_app;

-- A bill's events, day by day, from the ledger. Origin 0001-01-01: the bill counts in its own
-- period whenever it was created (D limits money, not bills).
CREATE OR REPLACE FUNCTION linli_bill_events(p_tenant text, p_bills text[])
RETURNS SETOF "BillEvent"
-- plpgsql, not sql: its plans are cached for the session (planning these statements costs far
-- more than running them for a payment's few bills; linli_rollup_bills picks generic plans
-- for a few bills, custom ones for a batch)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  WITH RECURSIVE tz AS (SELECT "timeZone" AS zone FROM "Tenant" WHERE "id" = p_tenant),
  corr AS (
    SELECT c."id", r."id" AS base_id, r."kind"::text AS base_kind, 1 AS depth
    FROM "Bill" c
    JOIN "Bill" r ON r."tenantId" = c."tenantId" AND r."id" = c."replacesId"
    WHERE c."tenantId" = p_tenant AND c."id" = ANY (p_bills) AND c."replacesId" IS NOT NULL AND c."kind" = 'CORRECTION'
    UNION ALL
    SELECT corr."id", r."id", r."kind"::text, corr.depth + 1
    FROM corr
    JOIN "Bill" m ON m."tenantId" = p_tenant AND m."id" = corr.base_id
    JOIN "Bill" r ON r."tenantId" = m."tenantId" AND r."id" = m."replacesId"
    WHERE corr.base_kind = 'CORRECTION' AND corr.depth < 50
  ),
  b0 AS (
    SELECT b."id", b."period", b."amountFen" AS amount,
           coalesce(pu."communityId", pp."communityId") AS community_id,
           coalesce(pu."buildingId", '') AS building_id,
           CASE WHEN b."objectKind" = 'UNIT' THEN b."objectId" ELSE '' END AS unit_id,
           CASE WHEN b."voidedAt" IS NULL THEN NULL ELSE (b."voidedAt" AT TIME ZONE (SELECT zone FROM tz))::date END AS void_on,
           (coalesce(f."countsInRate", false) AND (
              b."kind" = 'REGULAR'
              OR (b."kind" = 'CORRECTION' AND EXISTS (SELECT 1 FROM corr WHERE corr."id" = b."id" AND corr.base_kind = 'REGULAR'))
           )) AS counts
    FROM "Bill" b
    LEFT JOIN "FeeItem" f ON f."tenantId" = b."tenantId" AND f."id" = b."feeItemId"
    LEFT JOIN "Unit" pu ON b."payerKind" = 'UNIT' AND pu."tenantId" = b."tenantId" AND pu."id" = b."payerId"
    LEFT JOIN "ParkingSpace" pp ON b."payerKind" = 'PARKING' AND pp."tenantId" = b."tenantId" AND pp."id" = b."payerId"
    WHERE b."tenantId" = p_tenant AND b."id" = ANY (p_bills)
  ),
  adj AS (
    SELECT a."billId" AS id, a."effectiveOn" AS day, a."amountFen"::bigint AS amt
    FROM "Adjustment" a JOIN b0 ON b0."id" = a."billId"
    WHERE a."tenantId" = p_tenant AND a."billId" = ANY (p_bills) AND a."status" = 'APPROVED' AND a."effectiveOn" IS NOT NULL
      -- from its void day on a bill's net is 0: adjustments effective that day or later never count
      AND (b0.void_on IS NULL OR a."effectiveOn" < b0.void_on)
  ),
  ev AS (
    SELECT b0."id", DATE '0001-01-01' AS day, b0.amount::bigint AS g, 0::bigint AS a, 0::bigint AS p FROM b0
    UNION ALL
    SELECT b0."id", b0.void_on, -b0.amount::bigint, -coalesce((SELECT sum(adj.amt) FROM adj WHERE adj."id" = b0."id"), 0)::bigint, 0
    FROM b0 WHERE b0.void_on IS NOT NULL
    UNION ALL
    SELECT adj."id", adj.day, 0, adj.amt, 0 FROM adj
    UNION ALL
    -- every money record counts from its effective date (REFUND: an online payment's refund
    -- gives back part of its allocations, negative like a reversal's)
    SELECT al."billId", m."countedOn", 0, 0, al."amountFen"::bigint
    FROM "PaymentAllocation" al
    JOIN "Payment" m ON m."tenantId" = al."tenantId" AND m."id" = al."paymentId"
    WHERE al."tenantId" = p_tenant AND al."billId" = ANY (p_bills)
      AND m."kind" IN ('PAYMENT', 'REVERSAL', 'REFUND') AND m."status" = 'APPROVED'
  ),
  byday AS (SELECT "id", day, sum(g) AS g, sum(a) AS a, sum(p) AS p FROM ev GROUP BY "id", day),
  cum AS (
    SELECT "id", day, g, a, p,
           greatest(0, sum(g - a - p) OVER (PARTITION BY "id" ORDER BY day)) AS o
    FROM byday
  ),
  ch AS (SELECT "id", day, g, a, p, o - coalesce(lag(o) OVER (PARTITION BY "id" ORDER BY day), 0) AS od FROM cum)
  SELECT p_tenant, ch."id", ch.day, b0.community_id, b0.building_id, b0.unit_id, b0."period", b0.counts,
         ch.g::int, ch.a::int, ch.p::int, ch.od::int
  FROM ch JOIN b0 ON b0."id" = ch."id"
  WHERE ch.g <> 0 OR ch.a <> 0 OR ch.p <> 0 OR ch.od <> 0 OR ch.day = DATE '0001-01-01';
END
$$;

-- The household state of (unit, period) pairs, as changes, from BillEvent (counting bills).
CREATE OR REPLACE FUNCTION linli_unit_events(p_tenant text, p_units text[], p_periods text[])
RETURNS SETOF "UnitPeriodEvent"
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  WITH pr AS (SELECT DISTINCT u, per FROM unnest(p_units, p_periods) AS t(u, per)),
  ev AS (
    SELECT e.* FROM "BillEvent" e JOIN pr ON e."unitId" = pr.u AND e."period" = pr.per
    WHERE e."tenantId" = p_tenant AND e."counts"
  ),
  days AS (SELECT DISTINCT "unitId", "period", "day" FROM ev),
  st AS (
    SELECT d."unitId", d."period", d."day", e."billId",
           sum(e."grossFen" - e."adjustedFen") AS net, sum(e."paidFen") AS paid
    FROM days d JOIN ev e ON e."unitId" = d."unitId" AND e."period" = d."period" AND e."day" <= d."day"
    GROUP BY 1, 2, 3, 4
  ),
  ind AS (
    SELECT "unitId", "period", "day", bool_or(net > 0)::int AS billed, bool_or(net > 0 AND paid < net)::int AS unpaid
    FROM st GROUP BY 1, 2, 3
  ),
  ch AS (
    SELECT "unitId", "period", "day",
           billed - lag(billed, 1, 0) OVER w AS bd, unpaid - lag(unpaid, 1, 0) OVER w AS ud
    FROM ind WINDOW w AS (PARTITION BY "unitId", "period" ORDER BY "day")
  ),
  loc AS (SELECT DISTINCT ON ("unitId") "unitId", "communityId", "buildingId" FROM ev ORDER BY "unitId")
  SELECT p_tenant, ch."unitId", ch."period", ch."day", loc."communityId", loc."buildingId", ch.bd, ch.ud
  FROM ch JOIN loc USING ("unitId")
  WHERE ch.bd <> 0 OR ch.ud <> 0;
END
$$;

-- Adds changes (community, building, period, counts, day, sums…) to RateDay and RateMonth at
-- the three levels, in key order (concurrent folds lock rows in one order).
CREATE OR REPLACE FUNCTION linli_rollup_add(p_tenant text, p_rows jsonb)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  WITH d AS (
    SELECT x.c, x.b, x.period, x.counts, x.day, x.g, x.a, x.p, x.o, x.ub, x.uu
    FROM jsonb_to_recordset(p_rows) AS x(c text, b text, period text, counts boolean, day date, g bigint, a bigint, p bigint, o bigint, ub int, uu int)
  ),
  lv AS (
    SELECT l.c, l.b, d.period, d.counts, d.day, d.g, d.a, d.p, d.o, d.ub, d.uu
    FROM d CROSS JOIN LATERAL (VALUES ('*', '*'), (d.c, '*'), (d.c, d.b)) AS l(c, b)
  ),
  days AS (
    INSERT INTO "RateDay" AS r ("tenantId", "communityId", "buildingId", "period", "counts", "day",
                                "grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid")
    SELECT p_tenant, c, b, period, counts, day, sum(g), sum(a), sum(p), sum(o), sum(ub), sum(uu)
    FROM lv GROUP BY c, b, period, counts, day ORDER BY c, b, period, counts, day
    ON CONFLICT ("tenantId", "communityId", "buildingId", "period", "counts", "day") DO UPDATE SET
      "grossFen" = r."grossFen" + excluded."grossFen", "adjustedFen" = r."adjustedFen" + excluded."adjustedFen",
      "paidFen" = r."paidFen" + excluded."paidFen", "outstandingFen" = r."outstandingFen" + excluded."outstandingFen",
      "unitsBilled" = r."unitsBilled" + excluded."unitsBilled", "unitsUnpaid" = r."unitsUnpaid" + excluded."unitsUnpaid"
    RETURNING 1
  )
  INSERT INTO "RateMonth" AS r ("tenantId", "communityId", "buildingId", "period", "counts", "month",
                                "grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid")
  SELECT p_tenant, c, b, period, counts, to_char(day, 'YYYY-MM'), sum(g), sum(a), sum(p), sum(o), sum(ub), sum(uu)
  FROM lv GROUP BY c, b, period, counts, to_char(day, 'YYYY-MM') ORDER BY c, b, period, counts, to_char(day, 'YYYY-MM')
  ON CONFLICT ("tenantId", "communityId", "buildingId", "period", "counts", "month") DO UPDATE SET
    "grossFen" = r."grossFen" + excluded."grossFen", "adjustedFen" = r."adjustedFen" + excluded."adjustedFen",
    "paidFen" = r."paidFen" + excluded."paidFen", "outstandingFen" = r."outstandingFen" + excluded."outstandingFen",
    "unitsBilled" = r."unitsBilled" + excluded."unitsBilled", "unitsUnpaid" = r."unitsUnpaid" + excluded."unitsUnpaid";
END
$$;

-- Folds a set of bills of one company into the rollups (see the header).
-- p_fresh: bills inserted by this transaction and touched by nothing else since: they have no
-- events yet, so nothing is taken back (a billing run's bills: no lookups of old rows).
CREATE OR REPLACE FUNCTION linli_rollup_bills(p_tenant text, p_bills text[], p_fresh text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  k bigint;
  v_new "BillEvent"[];
  v_unew "UnitPeriodEvent"[];
  v_diff jsonb;
  v_units text[];
  v_periods text[];
  v_mode text := current_setting('plan_cache_mode');
BEGIN
  -- A payment folds a few bills: reuse the cached generic plans (planning costs ~10× running).
  -- A billing run or a rebuild folds thousands: plan for the actual arrays (hash joins).
  PERFORM set_config('plan_cache_mode',
    CASE WHEN cardinality(p_bills) + cardinality(p_fresh) > 64 THEN 'force_custom_plan' ELSE 'force_generic_plan' END, true);
  FOR k IN
    SELECT DISTINCT hashtextextended('linli:rollup:' || p_tenant || ':' || (abs(hashtext(id)) % 256), 0) AS key
    FROM unnest(p_bills || p_fresh) AS t(id) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(k);
  END LOOP;

  -- fresh bills: their events in, their changes added up, their (unit, period) pairs noted
  v_units := '{}';
  v_periods := '{}';
  IF cardinality(p_fresh) > 0 THEN
    WITH ins AS (
      INSERT INTO "BillEvent" SELECT * FROM linli_bill_events(p_tenant, p_fresh) RETURNING *
    ),
    diff AS (
      SELECT "communityId" AS c, "buildingId" AS b, "period", "counts", "day",
             sum("grossFen") AS g, sum("adjustedFen") AS a, sum("paidFen") AS p, sum("outstandingFen") AS o
      FROM ins GROUP BY 1, 2, 3, 4, 5
    ),
    pairs AS (SELECT DISTINCT "unitId", "period" FROM ins WHERE "unitId" <> '')
    SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('c', c, 'b', b, 'period', "period", 'counts', "counts", 'day', "day",
                                                         'g', g, 'a', a, 'p', p, 'o', o, 'ub', 0, 'uu', 0)), '[]') FROM diff),
           (SELECT coalesce(array_agg("unitId"), '{}') FROM pairs),
           (SELECT coalesce(array_agg("period"), '{}') FROM pairs)
    INTO v_diff, v_units, v_periods;
    IF jsonb_array_length(v_diff) > 0 THEN
      PERFORM linli_rollup_add(p_tenant, v_diff);
    END IF;
  END IF;

  IF cardinality(p_bills) > 0 THEN
    SELECT coalesce(array_agg(e), '{}') INTO v_new FROM linli_bill_events(p_tenant, p_bills) e;

    WITH old AS (
      DELETE FROM "BillEvent" e WHERE e."tenantId" = p_tenant AND e."billId" = ANY (p_bills) RETURNING e.*
    ),
    n AS (SELECT * FROM unnest(v_new)),
    both_ AS (
      SELECT "communityId", "buildingId", "unitId", "period", "counts", "day",
             "grossFen" AS g, "adjustedFen" AS a, "paidFen" AS p, "outstandingFen" AS o FROM n
      UNION ALL
      SELECT "communityId", "buildingId", "unitId", "period", "counts", "day",
             -"grossFen", -"adjustedFen", -"paidFen", -"outstandingFen" FROM old
    ),
    diff AS (
      SELECT "communityId" AS c, "buildingId" AS b, "period", "counts", "day", sum(g) AS g, sum(a) AS a, sum(p) AS p, sum(o) AS o
      FROM both_ GROUP BY 1, 2, 3, 4, 5
      HAVING sum(g) <> 0 OR sum(a) <> 0 OR sum(p) <> 0 OR sum(o) <> 0
    ),
    pairs AS (SELECT DISTINCT "unitId", "period" FROM both_ WHERE "unitId" <> '')
    SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('c', c, 'b', b, 'period', "period", 'counts', "counts", 'day', "day",
                                                         'g', g, 'a', a, 'p', p, 'o', o, 'ub', 0, 'uu', 0)), '[]') FROM diff),
           v_units || coalesce((SELECT array_agg("unitId" ORDER BY "unitId", "period") FROM pairs), '{}'),
           v_periods || coalesce((SELECT array_agg("period" ORDER BY "unitId", "period") FROM pairs), '{}')
    INTO v_diff, v_units, v_periods;

    INSERT INTO "BillEvent" SELECT * FROM unnest(v_new);
    IF jsonb_array_length(v_diff) > 0 THEN
      PERFORM linli_rollup_add(p_tenant, v_diff);
    END IF;
  END IF;

  IF cardinality(v_units) = 0 THEN
    PERFORM set_config('plan_cache_mode', v_mode, true);
    RETURN;
  END IF;
  SELECT coalesce(array_agg(e), '{}') INTO v_unew FROM linli_unit_events(p_tenant, v_units, v_periods) e;
  WITH old AS (
    DELETE FROM "UnitPeriodEvent" e
    USING unnest(v_units, v_periods) AS pr(u, per)
    WHERE e."tenantId" = p_tenant AND e."unitId" = pr.u AND e."period" = pr.per
    RETURNING e.*
  ),
  both_ AS (
    SELECT "communityId", "buildingId", "period", "day", "billed" AS ub, "unpaid" AS uu FROM unnest(v_unew)
    UNION ALL
    SELECT "communityId", "buildingId", "period", "day", -"billed", -"unpaid" FROM old
  ),
  diff AS (
    SELECT "communityId" AS c, "buildingId" AS b, "period", "day", sum(ub) AS ub, sum(uu) AS uu
    FROM both_ GROUP BY 1, 2, 3, 4 HAVING sum(ub) <> 0 OR sum(uu) <> 0
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('c', c, 'b', b, 'period', "period", 'counts', true, 'day', "day",
                                               'g', 0, 'a', 0, 'p', 0, 'o', 0, 'ub', ub, 'uu', uu)), '[]')
  INTO v_diff FROM diff;
  INSERT INTO "UnitPeriodEvent" SELECT * FROM unnest(v_unew);
  IF jsonb_array_length(v_diff) > 0 THEN
    PERFORM linli_rollup_add(p_tenant, v_diff);
  END IF;
  PERFORM set_config('plan_cache_mode', v_mode, true);
END
$$;

-- Folds the open transaction's dirty bills now (at commit, or first thing in a report that
-- must see its own transaction's writes).
CREATE OR REPLACE FUNCTION linli_rollup_flush_now()
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT "forTenant" AS t,
           coalesce(array_agg("billId" ORDER BY "billId") FILTER (WHERE NOT "fresh"), '{}') AS ids,
           coalesce(array_agg("billId" ORDER BY "billId") FILTER (WHERE "fresh"), '{}') AS fresh
    FROM "RollupDirty" WHERE "txid" = txid_current() GROUP BY 1 ORDER BY 1
  LOOP
    PERFORM linli_rollup_bills(r.t, r.ids, r.fresh);
  END LOOP;
  DELETE FROM "RollupDirty" WHERE "txid" = txid_current();
  DELETE FROM "RollupFlush" WHERE "txid" = txid_current();
END
$$;
GRANT EXECUTE ON FUNCTION linli_rollup_flush_now() TO linli_app;

CREATE OR REPLACE FUNCTION linli_rollup_flush() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM linli_rollup_flush_now();
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER rollup_flush AFTER INSERT ON "RollupFlush"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION linli_rollup_flush();

-- Notes dirty bills (tenant, bill id) and queues the fold for this transaction.
CREATE OR REPLACE FUNCTION linli_rollup_note(p_rows jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_rows IS NULL OR jsonb_array_length(p_rows) = 0 THEN RETURN; END IF;
  INSERT INTO "RollupDirty" ("txid", "forTenant", "billId")
  SELECT DISTINCT txid_current(), x.t, x.id FROM jsonb_to_recordset(p_rows) AS x(t text, id text)
  ON CONFLICT ("txid", "forTenant", "billId") DO UPDATE SET "fresh" = false;
  INSERT INTO "RollupFlush" ("txid") VALUES (txid_current()) ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION linli_rollup_skipped() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('linli.rollup_skip', true), '') = 'on' $$;

-- Bill: inserted (fresh: no events to take back, unless something else touches it before the
-- fold), updated (void, paidFen, …) or deleted.
CREATE OR REPLACE FUNCTION linli_rollup_mark_bill_ins() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  INSERT INTO "RollupDirty" ("txid", "forTenant", "billId", "fresh")
  SELECT txid_current(), n."tenantId", n."id", true FROM new_rows n
  ON CONFLICT ("txid", "forTenant", "billId") DO UPDATE SET "fresh" = false;
  IF FOUND THEN
    INSERT INTO "RollupFlush" ("txid") VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION linli_rollup_mark_bill_new() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((SELECT jsonb_agg(jsonb_build_object('t', "tenantId", 'id', "id")) FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION linli_rollup_mark_bill_old() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((SELECT jsonb_agg(jsonb_build_object('t', "tenantId", 'id', "id")) FROM old_rows));
  RETURN NULL;
END
$$;
-- Rows that name a bill ("billId"): allocations and adjustments.
CREATE OR REPLACE FUNCTION linli_rollup_mark_ref_new() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((SELECT jsonb_agg(DISTINCT jsonb_build_object('t', "tenantId", 'id', "billId")) FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION linli_rollup_mark_ref_old() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((SELECT jsonb_agg(DISTINCT jsonb_build_object('t', "tenantId", 'id', "billId")) FROM old_rows));
  RETURN NULL;
END
$$;
-- A payment whose kind, status or effective date changed: the bills it is allocated to.
CREATE OR REPLACE FUNCTION linli_rollup_mark_payment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((
    SELECT jsonb_agg(DISTINCT jsonb_build_object('t', al."tenantId", 'id', al."billId"))
    FROM new_rows n
    JOIN old_rows o ON o."tenantId" = n."tenantId" AND o."id" = n."id"
    JOIN "PaymentAllocation" al ON al."tenantId" = n."tenantId" AND al."paymentId" = n."id"
    WHERE (n."kind", n."status", n."countedOn") IS DISTINCT FROM (o."kind", o."status", o."countedOn")));
  RETURN NULL;
END
$$;
-- A fee item switched in or out of the payment rate: all its bills.
CREATE OR REPLACE FUNCTION linli_rollup_mark_fee_item() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((
    SELECT jsonb_agg(jsonb_build_object('t', b."tenantId", 'id', b."id"))
    FROM new_rows n
    JOIN old_rows o ON o."tenantId" = n."tenantId" AND o."id" = n."id"
    JOIN "Bill" b ON b."tenantId" = n."tenantId" AND b."feeItemId" = n."id"
    WHERE n."countsInRate" IS DISTINCT FROM o."countsInRate"));
  RETURN NULL;
END
$$;
-- A payer moved to another community or building: its bills.
CREATE OR REPLACE FUNCTION linli_rollup_mark_unit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((
    SELECT jsonb_agg(jsonb_build_object('t', b."tenantId", 'id', b."id"))
    FROM new_rows n
    JOIN old_rows o ON o."tenantId" = n."tenantId" AND o."id" = n."id"
    JOIN "Bill" b ON b."tenantId" = n."tenantId" AND b."payerKind" = 'UNIT' AND b."payerId" = n."id"
    WHERE (n."communityId", n."buildingId") IS DISTINCT FROM (o."communityId", o."buildingId")));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION linli_rollup_mark_space() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  PERFORM linli_rollup_note((
    SELECT jsonb_agg(jsonb_build_object('t', b."tenantId", 'id', b."id"))
    FROM new_rows n
    JOIN old_rows o ON o."tenantId" = n."tenantId" AND o."id" = n."id"
    JOIN "Bill" b ON b."tenantId" = n."tenantId" AND b."payerKind" = 'PARKING' AND b."payerId" = n."id"
    WHERE n."communityId" IS DISTINCT FROM o."communityId"));
  RETURN NULL;
END
$$;

CREATE TRIGGER rollup_bill_ins AFTER INSERT ON "Bill" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_bill_ins();
CREATE TRIGGER rollup_bill_upd AFTER UPDATE ON "Bill" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_bill_new();
CREATE TRIGGER rollup_bill_del AFTER DELETE ON "Bill" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_bill_old();
CREATE TRIGGER rollup_alloc_ins AFTER INSERT ON "PaymentAllocation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_new();
CREATE TRIGGER rollup_alloc_upd AFTER UPDATE ON "PaymentAllocation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_old();
CREATE TRIGGER rollup_alloc_upd_new AFTER UPDATE ON "PaymentAllocation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_new();
CREATE TRIGGER rollup_alloc_del AFTER DELETE ON "PaymentAllocation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_old();
CREATE TRIGGER rollup_adj_ins AFTER INSERT ON "Adjustment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_new();
CREATE TRIGGER rollup_adj_upd AFTER UPDATE ON "Adjustment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_old();
CREATE TRIGGER rollup_adj_upd_new AFTER UPDATE ON "Adjustment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_new();
CREATE TRIGGER rollup_adj_del AFTER DELETE ON "Adjustment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_ref_old();
CREATE TRIGGER rollup_payment_upd AFTER UPDATE ON "Payment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_payment();
CREATE TRIGGER rollup_fee_item_upd AFTER UPDATE ON "FeeItem" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_fee_item();
CREATE TRIGGER rollup_unit_upd AFTER UPDATE ON "Unit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_unit();
CREATE TRIGGER rollup_space_upd AFTER UPDATE ON "ParkingSpace" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION linli_rollup_mark_space();

-- ── Work-order facts ────────────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION linli_work_order_facts(p_tenant text, p_orders text[])
RETURNS SETOF "WorkOrderFact"
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT w."tenantId", w."id", w."communityId", coalesce(u."buildingId", ''), coalesce(w."unitId", ''), w."period",
         w."rating", w."firstResponseMet", w."resolutionMet",
         w."completedAt" IS NOT NULL, w."reopenCount" > 0, w."status" = 'CANCELLED',
         CASE WHEN w."completedAt" IS NULL THEN NULL
              ELSE greatest(0, (extract(epoch FROM w."completedAt" - w."createdAt") * 1000)::bigint - w."pausedSeconds"::bigint * 1000) END,
         greatest(1, (extract(epoch FROM w."resolveDueAt" - w."createdAt") * 1000)::bigint - w."pausedSeconds"::bigint * 1000)
  FROM "WorkOrder" w
  LEFT JOIN "Unit" u ON u."tenantId" = w."tenantId" AND u."id" = w."unitId"
  WHERE w."tenantId" = p_tenant AND (p_orders IS NULL OR w."id" = ANY (p_orders))
$$;

CREATE OR REPLACE FUNCTION linli_work_order_fact_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF linli_rollup_skipped() THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "WorkOrderFact" WHERE "tenantId" = OLD."tenantId" AND "orderId" = OLD."id";
    RETURN NULL;
  END IF;
  -- the same row linli_work_order_facts gives, from NEW (no re-read of the order)
  INSERT INTO "WorkOrderFact"
  SELECT NEW."tenantId", NEW."id", NEW."communityId",
         coalesce((SELECT u."buildingId" FROM "Unit" u WHERE u."tenantId" = NEW."tenantId" AND u."id" = NEW."unitId"), ''),
         coalesce(NEW."unitId", ''), NEW."period", NEW."rating", NEW."firstResponseMet", NEW."resolutionMet",
         NEW."completedAt" IS NOT NULL, NEW."reopenCount" > 0, NEW."status" = 'CANCELLED',
         CASE WHEN NEW."completedAt" IS NULL THEN NULL
              ELSE greatest(0, (extract(epoch FROM NEW."completedAt" - NEW."createdAt") * 1000)::bigint - NEW."pausedSeconds"::bigint * 1000) END,
         greatest(1, (extract(epoch FROM NEW."resolveDueAt" - NEW."createdAt") * 1000)::bigint - NEW."pausedSeconds"::bigint * 1000)
  ON CONFLICT ("tenantId", "orderId") DO UPDATE SET
    "communityId" = excluded."communityId", "buildingId" = excluded."buildingId", "unitId" = excluded."unitId",
    "period" = excluded."period", "rating" = excluded."rating", "firstResponseMet" = excluded."firstResponseMet",
    "resolutionMet" = excluded."resolutionMet", "resolved" = excluded."resolved", "reopened" = excluded."reopened",
    "cancelled" = excluded."cancelled", "resolveMs" = excluded."resolveMs", "targetMs" = excluded."targetMs";
  RETURN NULL;
END
$$;
CREATE TRIGGER work_order_fact AFTER INSERT OR UPDATE OR DELETE ON "WorkOrder"
  FOR EACH ROW EXECUTE FUNCTION linli_work_order_fact_row();

-- ── Rebuild (bulk loads, repairs) ───────────────────────────────────────────────────
-- Everything of one company from the ledger: its bills folded in chunks of payers (a unit's
-- bills in one chunk), its work-order facts in one statement.
CREATE OR REPLACE FUNCTION linli_rollup_rebuild(p_tenant text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ids text[];
BEGIN
  DELETE FROM "BillEvent" WHERE "tenantId" = p_tenant;
  DELETE FROM "UnitPeriodEvent" WHERE "tenantId" = p_tenant;
  DELETE FROM "RateDay" WHERE "tenantId" = p_tenant;
  DELETE FROM "RateMonth" WHERE "tenantId" = p_tenant;
  DELETE FROM "WorkOrderFact" WHERE "tenantId" = p_tenant;
  FOR ids IN
    SELECT array_agg("id") FROM (
      SELECT "id", dense_rank() OVER (ORDER BY "payerKind", "payerId") / 5000 AS chunk FROM "Bill" WHERE "tenantId" = p_tenant
    ) x GROUP BY chunk ORDER BY chunk
  LOOP
    -- every event was deleted above: each bill is fresh
    PERFORM linli_rollup_bills(p_tenant, '{}', ids);
  END LOOP;
  INSERT INTO "WorkOrderFact" SELECT * FROM linli_work_order_facts(p_tenant, NULL);
END
$$;
