-- Households over quarters and years per unit (#16): the fold of *_report_household_ranges
-- computed each unit's quarter and year state and added only its sums to RateDay/RateMonth; it now
-- keeps the per-unit changes too (UnitRangeEvent), so
--   - the household segments of a quarter or year (the relationship section) read one state per
--     unit and range instead of every month's (a year: 12 months of UnitPeriodEvent per unit);
--   - the fold takes a unit's old range state back from these rows (deleted and returned) instead
--     of recomputing it from UnitPeriodEvent before the change.
-- Same rules as before: written only by the fold's SECURITY DEFINER functions (at commit, after
-- the ledger's locks), the rebuild and the owner's bulk load; the app role reads it under RLS.

-- CreateTable
CREATE TABLE "UnitRangeEvent" (
    "tenantId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "rangeKey" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "communityId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "billed" INTEGER NOT NULL,
    "unpaid" INTEGER NOT NULL,

    CONSTRAINT "UnitRangeEvent_pkey" PRIMARY KEY ("tenantId","unitId","rangeKey","communityId","buildingId","day")
);

-- CreateIndex
CREATE INDEX "UnitRangeEvent_tenantId_rangeKey_day_idx" ON "UnitRangeEvent"("tenantId", "rangeKey", "day");

SELECT linli_secure_tenant_table('"UnitRangeEvent"');
REVOKE INSERT, UPDATE, DELETE ON "UnitRangeEvent" FROM linli_app;

-- Folds a set of bills of one company into the rollups (as in *_report_household_ranges, the
-- units' range state now kept per unit in UnitRangeEvent).
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
  v_runits text[];
  v_ranges text[];
  v_rold jsonb;
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
  -- the (unit, quarter) and (unit, year) pairs of those (unit, period) pairs, and their household
  -- state before the change (as changes, negated: taken back below)
  SELECT coalesce(array_agg(x.u ORDER BY x.u, x.rk), '{}'), coalesce(array_agg(x.rk ORDER BY x.u, x.rk), '{}')
  INTO v_runits, v_ranges
  FROM (SELECT DISTINCT t.u, r.rk FROM unnest(v_units, v_periods) AS t(u, per) CROSS JOIN LATERAL unnest(linli_period_ranges(t.per)) AS r(rk)) x;
  WITH old AS (
    DELETE FROM "UnitRangeEvent" e
    USING unnest(v_runits, v_ranges) AS pr(u, rk)
    WHERE e."tenantId" = p_tenant AND e."unitId" = pr.u AND e."rangeKey" = pr.rk
    RETURNING e.*
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object('c', old."communityId", 'b', old."buildingId", 'rk', old."rangeKey", 'day', old."day",
                                               'ub', -old."billed", 'uu', -old."unpaid")), '[]')
  INTO v_rold FROM old;
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
  -- the quarters' and years' household state now (kept per unit in UnitRangeEvent), against
  -- before: rows of period 'YYYY-Qn' / 'YYYY'
  WITH ins AS (
    INSERT INTO "UnitRangeEvent" ("tenantId", "unitId", "rangeKey", "day", "communityId", "buildingId", "billed", "unpaid")
    SELECT p_tenant, e."unitId", e."rangeKey", e."day", e."communityId", e."buildingId", e."billed", e."unpaid"
    FROM linli_unit_range_events(p_tenant, v_runits, v_ranges) e
    RETURNING *
  ),
  both_ AS (
    SELECT x.c, x.b, x.rk, x.day, x.ub, x.uu FROM jsonb_to_recordset(v_rold) AS x(c text, b text, rk text, day date, ub int, uu int)
    UNION ALL
    SELECT ins."communityId", ins."buildingId", ins."rangeKey", ins."day", ins."billed", ins."unpaid" FROM ins
  ),
  diff AS (
    SELECT both_.c, both_.b, both_.rk, both_.day, sum(both_.ub) AS ub, sum(both_.uu) AS uu
    FROM both_ GROUP BY 1, 2, 3, 4 HAVING sum(both_.ub) <> 0 OR sum(both_.uu) <> 0
  )
  SELECT v_diff || coalesce(jsonb_agg(jsonb_build_object('c', diff.c, 'b', diff.b, 'period', diff.rk, 'counts', true, 'day', diff.day,
                                                         'g', 0, 'a', 0, 'p', 0, 'o', 0, 'ub', diff.ub, 'uu', diff.uu)), '[]')
  INTO v_diff FROM diff;
  IF jsonb_array_length(v_diff) > 0 THEN
    PERFORM linli_rollup_add(p_tenant, v_diff);
  END IF;
  PERFORM set_config('plan_cache_mode', v_mode, true);
END
$$;

CREATE OR REPLACE FUNCTION linli_rollup_rebuild(p_tenant text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ids text[];
BEGIN
  DELETE FROM "BillEvent" WHERE "tenantId" = p_tenant;
  DELETE FROM "UnitPeriodEvent" WHERE "tenantId" = p_tenant;
  DELETE FROM "UnitRangeEvent" WHERE "tenantId" = p_tenant;
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
REVOKE ALL ON FUNCTION linli_rollup_bills(text, text[], text[]) FROM PUBLIC;

-- What is there already: every company's per-unit range state, set-based from UnitPeriodEvent
-- (the changes linli_unit_range_events gives; their sums are the range rows already in RateDay).
WITH byday AS (
  SELECT e."tenantId" AS t, e."unitId" AS u, r.rk, e."communityId" AS c, e."buildingId" AS b, e."day" AS d,
         sum(e."billed") AS bd, sum(e."unpaid") AS ud
  FROM "UnitPeriodEvent" e CROSS JOIN LATERAL unnest(linli_period_ranges(e."period")) AS r(rk)
  GROUP BY 1, 2, 3, 4, 5, 6
),
st AS (
  SELECT t, u, rk, c, b, d, (sum(bd) OVER w > 0)::int AS sb, (sum(ud) OVER w > 0)::int AS su
  FROM byday WINDOW w AS (PARTITION BY t, u, rk, c, b ORDER BY d)
),
ch AS (
  SELECT t, u, rk, c, b, d, sb - lag(sb, 1, 0) OVER w AS bd, su - lag(su, 1, 0) OVER w AS ud
  FROM st WINDOW w AS (PARTITION BY t, u, rk, c, b ORDER BY d)
)
INSERT INTO "UnitRangeEvent" ("tenantId", "unitId", "rangeKey", "day", "communityId", "buildingId", "billed", "unpaid")
SELECT t, u, rk, d, c, b, bd, ud FROM ch WHERE bd <> 0 OR ud <> 0
ORDER BY t, u, rk, c, b, d;
