-- The fold's household steps without re-reading what cannot change (#16: bench:billing).
--
-- A billing run folds 100,000 fresh bills at its commit. For each (unit, month) the fold
-- recomputed the month's household state from BillEvent, then the quarter's and the year's
-- state from every month of the range in UnitPeriodEvent (a year: up to 12 months per unit),
-- deleted the old rows and wrote new ones even where nothing had changed. But a fresh counting
-- bill with a positive amount and no history (its one event is its origin: nothing paid,
-- adjusted or voided yet) is billed and unpaid from the origin on, whatever the unit's other
-- bills: its month's household state is "billed, unpaid" from the origin on (a bool_or over
-- the month's bills), and so is the state of the quarter and the year it falls in (a bool_or
-- over their months). Those states are known without reading anything:
--   UnitPeriodEvent for (unit, month):        one row, origin, billed 1, unpaid 1
--   UnitRangeEvent for (unit, quarter|year):  one row, origin, billed 1, unpaid 1
-- so for those pairs the fold compares the rows there with that one row, leaves equal ones
-- alone (a second bill of the month; the second month of a quarter still unpaid), replaces the
-- others and adds the difference to RateDay/RateMonth. The other pairs (payments, reversals,
-- adjustments, voids, corrections; a rebuild's bills with their history) go the general way
-- as before. A fresh bill that does not count (装修押金), or nets to 0, changes no household:
-- its pairs are not folded at all.
-- The rows are the same as the general way's: tests/integration/reports-household-ranges.test.ts
-- compares the folded tables with a rebuild from the ledger after random batches.
-- Nothing new is locked: same tables, same order (after the ledger's locks, at commit).

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
  -- (unit, month) pairs known "billed, unpaid" from the origin on, with the unit's community and building
  v_fu text[];
  v_fp text[];
  v_fc text[];
  v_fb text[];
  v_mode text := current_setting('plan_cache_mode');
  v_work_mem text := current_setting('work_mem');
  -- set by linli_rollup_rebuild: its "fresh" bills come with their whole history
  v_history boolean := coalesce(current_setting('linli.rollup_history', true), '') = 'on';
BEGIN
  -- A payment folds a few bills: reuse the cached generic plans (planning costs ~10× running).
  -- A billing run or a rebuild folds thousands: plan for the actual arrays (hash joins), with
  -- the memory to hash and sort 100,000 events without spilling to disk (the events come from
  -- functions the planner guesses at 1,000 rows).
  PERFORM set_config('plan_cache_mode',
    CASE WHEN cardinality(p_bills) + cardinality(p_fresh) > 64 THEN 'force_custom_plan' ELSE 'force_generic_plan' END, true);
  IF cardinality(p_bills) + cardinality(p_fresh) > 64 THEN
    PERFORM set_config('work_mem', '64MB', true);
  END IF;
  FOR k IN
    SELECT DISTINCT hashtextextended('linli:rollup:' || p_tenant || ':' || (abs(hashtext(id)) % 256), 0) AS key
    FROM unnest(p_bills || p_fresh) AS t(id) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(k);
  END LOOP;

  -- fresh bills: their events in, their changes added up; their (unit, period) pairs split into
  -- those known billed and unpaid from the origin on (v_f*) and those to compute (v_units, v_periods)
  v_units := '{}';
  v_periods := '{}';
  v_fu := '{}';
  v_fp := '{}';
  v_fc := '{}';
  v_fb := '{}';
  IF cardinality(p_fresh) > 0 THEN
    -- A fresh bill has no history (a payment, adjustment or change to it since its insert
    -- would have made it not fresh): its one event is its origin, read straight from the bill.
    -- Corrections (whether they count depends on the bill they replace), bills inserted void,
    -- and a rebuild's bills (linli_rollup_rebuild: fresh, with all their history) go through
    -- linli_bill_events.
    WITH ins_h AS (
      INSERT INTO "BillEvent"
      SELECT * FROM linli_bill_events(p_tenant, CASE WHEN v_history THEN p_fresh ELSE ARRAY(
        SELECT b."id" FROM "Bill" b
        WHERE b."tenantId" = p_tenant AND b."id" = ANY (p_fresh) AND (b."kind" = 'CORRECTION' OR b."voidedAt" IS NOT NULL)
      ) END)
      RETURNING *
    ),
    ins_d AS (
      INSERT INTO "BillEvent"
      SELECT p_tenant, b."id", DATE '0001-01-01', coalesce(pu."communityId", pp."communityId"), coalesce(pu."buildingId", ''),
             CASE WHEN b."objectKind" = 'UNIT' THEN b."objectId" ELSE '' END, b."period",
             coalesce(f."countsInRate", false) AND b."kind" = 'REGULAR',
             b."amountFen", 0, 0, greatest(0, b."amountFen")
      FROM "Bill" b
      LEFT JOIN "FeeItem" f ON f."tenantId" = b."tenantId" AND f."id" = b."feeItemId"
      LEFT JOIN "Unit" pu ON b."payerKind" = 'UNIT' AND pu."tenantId" = b."tenantId" AND pu."id" = b."payerId"
      LEFT JOIN "ParkingSpace" pp ON b."payerKind" = 'PARKING' AND pp."tenantId" = b."tenantId" AND pp."id" = b."payerId"
      WHERE NOT v_history AND b."tenantId" = p_tenant AND b."id" = ANY (p_fresh) AND b."kind" <> 'CORRECTION' AND b."voidedAt" IS NULL
      RETURNING *
    ),
    ins AS (SELECT * FROM ins_h UNION ALL SELECT * FROM ins_d),
    diff AS (
      SELECT "communityId" AS c, "buildingId" AS b, "period", "counts", "day",
             sum("grossFen") AS g, sum("adjustedFen") AS a, sum("paidFen") AS p, sum("outstandingFen") AS o
      FROM ins GROUP BY 1, 2, 3, 4, 5
    ),
    -- per counting bill with events from the ledger: origin only and unpaid (forced), or with a
    -- history (to compute); a counting bill whose only event nets to 0 changes no household.
    -- A bill read straight from itself has its origin only: forced when it counts and is above 0.
    kinds AS (
      SELECT "billId", "unitId", "period", min("communityId") AS c, min("buildingId") AS b,
             count(*) = 1 AND sum("grossFen" - "adjustedFen") > 0 AND sum("paidFen") < sum("grossFen" - "adjustedFen") AS forced,
             count(*) > 1 AS history
      FROM ins_h WHERE "unitId" <> '' AND "counts" GROUP BY 1, 2, 3
    ),
    forced AS (
      SELECT "unitId", "period", min(c) AS c, min(b) AS b FROM (
        SELECT "unitId", "period", c, b FROM kinds WHERE forced
        UNION ALL
        SELECT "unitId", "period", "communityId", "buildingId" FROM ins_d WHERE "unitId" <> '' AND "counts" AND "grossFen" > 0
      ) x GROUP BY 1, 2
    ),
    pairs AS (
      SELECT DISTINCT k."unitId", k."period" FROM kinds k
      WHERE k.history AND NOT EXISTS (SELECT 1 FROM forced f WHERE f."unitId" = k."unitId" AND f."period" = k."period")
    ),
    forced_sorted AS (SELECT * FROM forced ORDER BY "unitId", "period")
    SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('c', c, 'b', b, 'period', "period", 'counts', "counts", 'day', "day",
                                                         'g', g, 'a', a, 'p', p, 'o', o, 'ub', 0, 'uu', 0)), '[]') FROM diff),
           (SELECT coalesce(array_agg("unitId"), '{}') FROM pairs),
           (SELECT coalesce(array_agg("period"), '{}') FROM pairs),
           f.u, f.per, f.c, f.b
    FROM (SELECT coalesce(array_agg("unitId"), '{}') AS u, coalesce(array_agg("period"), '{}') AS per,
                 coalesce(array_agg(c), '{}') AS c, coalesce(array_agg(b), '{}') AS b
          FROM forced_sorted) f
    INTO v_diff, v_units, v_periods, v_fu, v_fp, v_fc, v_fb;
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

  -- the pairs to compute, less those known: a known pair's state does not depend on its other bills
  IF cardinality(v_fu) > 0 AND cardinality(v_units) > 0 THEN
    SELECT coalesce(array_agg(t.u ORDER BY t.u, t.per), '{}'), coalesce(array_agg(t.per ORDER BY t.u, t.per), '{}')
    INTO v_units, v_periods
    FROM (SELECT DISTINCT x.u, x.per FROM unnest(v_units, v_periods) AS x(u, per)) t
    WHERE NOT EXISTS (SELECT 1 FROM unnest(v_fu, v_fp) AS f(u, per) WHERE f.u = t.u AND f.per = t.per);
  END IF;

  -- the households' changes, added up once at the end
  v_diff := '[]';
  IF cardinality(v_units) > 0 THEN
    -- the (unit, quarter) and (unit, year) pairs of those (unit, period) pairs, less the ranges
    -- of a known pair (known too, below), and their household state before the change (as
    -- changes, negated: taken back below)
    SELECT coalesce(array_agg(x.u ORDER BY x.u, x.rk), '{}'), coalesce(array_agg(x.rk ORDER BY x.u, x.rk), '{}')
    INTO v_runits, v_ranges
    FROM (SELECT DISTINCT t.u, r.rk FROM unnest(v_units, v_periods) AS t(u, per) CROSS JOIN LATERAL unnest(linli_period_ranges(t.per)) AS r(rk)) x
    WHERE NOT EXISTS (
      SELECT 1 FROM unnest(v_fu, v_fp) AS f(u, per) CROSS JOIN LATERAL unnest(linli_period_ranges(f.per)) AS fr(rk)
      WHERE f.u = x.u AND fr.rk = x.rk
    );
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
  END IF;

  IF cardinality(v_fu) > 0 THEN
    -- known pairs: (unit, month) and its (unit, quarter) and (unit, year), each "billed, unpaid
    -- from the origin on" in the unit's community and building. Rows already exactly that stay;
    -- the others are replaced.
    v_diff := v_diff || linli_rollup_known(p_tenant, v_fu, v_fp, v_fc, v_fb);
  END IF;
  IF jsonb_array_length(v_diff) > 0 THEN
    PERFORM linli_rollup_add(p_tenant, v_diff);
  END IF;
  PERFORM set_config('plan_cache_mode', v_mode, true);
  PERFORM set_config('work_mem', v_work_mem, true);
END
$$;

-- The known pairs of one table (see linli_rollup_bills' header): p_key 'period' for
-- UnitPeriodEvent (unit, month), 'rangeKey' for UnitRangeEvent (unit, quarter or year); per
-- (unit, key) the state "billed, unpaid from the origin on" in community c, building b. Rows
-- already exactly that stay; the others are replaced. Returns the changes for linli_rollup_add.
CREATE OR REPLACE FUNCTION linli_rollup_known_rows(p_tenant text, p_key text, p_units text[], p_keys text[], p_communities text[], p_buildings text[])
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_table text := CASE p_key WHEN 'period' THEN 'UnitPeriodEvent' WHEN 'rangeKey' THEN 'UnitRangeEvent' END;
  v_diff jsonb;
  v_cu text[];
  v_ck text[];
  v_cc text[];
  v_cb text[];
BEGIN
  IF v_table IS NULL THEN
    RAISE EXCEPTION 'linli_rollup_known_rows: no household table keyed by %', p_key;
  END IF;
  -- the pairs whose rows are not exactly the one origin row, their old rows deleted (sorted
  -- once: the arrays below keep that order)
  EXECUTE format($q$
    WITH k AS (SELECT * FROM unnest($2, $3, $4, $5) AS t(u, k, c, b)),
    cur AS (
      SELECT k.u, k.k, k.c, k.b,
             count(e."day") = 1 AND coalesce(bool_and(e."day" = DATE '0001-01-01' AND e."billed" = 1 AND e."unpaid" = 1
                                                      AND e."communityId" = k.c AND e."buildingId" = k.b), false) AS same
      FROM k LEFT JOIN %1$I e ON e."tenantId" = $1 AND e."unitId" = k.u AND e.%2$I = k.k
      GROUP BY 1, 2, 3, 4
    ),
    chg AS (SELECT * FROM cur WHERE NOT same ORDER BY u, k),
    old AS (
      DELETE FROM %1$I e USING chg
      WHERE e."tenantId" = $1 AND e."unitId" = chg.u AND e.%2$I = chg.k
      RETURNING e."communityId" AS c, e."buildingId" AS b, e.%2$I AS k, e."day", e."billed", e."unpaid"
    ),
    both_ AS (
      SELECT chg.c, chg.b, chg.k, DATE '0001-01-01' AS day, 1 AS ub, 1 AS uu FROM chg
      UNION ALL
      SELECT old.c, old.b, old.k, old."day", -old."billed", -old."unpaid" FROM old
    ),
    diff AS (SELECT c, b, k, day, sum(ub) AS ub, sum(uu) AS uu FROM both_ GROUP BY 1, 2, 3, 4 HAVING sum(ub) <> 0 OR sum(uu) <> 0)
    SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('c', c, 'b', b, 'period', k, 'counts', true, 'day', day,
                                                         'g', 0, 'a', 0, 'p', 0, 'o', 0, 'ub', ub, 'uu', uu)), '[]') FROM diff),
           coalesce(array_agg(u), '{}'), coalesce(array_agg(k), '{}'), coalesce(array_agg(c), '{}'), coalesce(array_agg(b), '{}')
    FROM chg
  $q$, v_table, p_key)
  INTO v_diff, v_cu, v_ck, v_cc, v_cb
  USING p_tenant, p_units, p_keys, p_communities, p_buildings;
  EXECUTE format($q$
    INSERT INTO %1$I ("tenantId", "unitId", %2$I, "day", "communityId", "buildingId", "billed", "unpaid")
    SELECT $1, t.u, t.k, DATE '0001-01-01', t.c, t.b, 1, 1 FROM unnest($2, $3, $4, $5) AS t(u, k, c, b)
  $q$, v_table, p_key)
  USING p_tenant, v_cu, v_ck, v_cc, v_cb;
  RETURN v_diff;
END
$$;
REVOKE ALL ON FUNCTION linli_rollup_known_rows(text, text, text[], text[], text[], text[]) FROM PUBLIC;

-- The known pairs of linli_rollup_bills: (unit, month) and the unit's quarter and year of it.
-- Writes UnitPeriodEvent and UnitRangeEvent; returns the changes for linli_rollup_add.
CREATE OR REPLACE FUNCTION linli_rollup_known(p_tenant text, p_units text[], p_periods text[], p_communities text[], p_buildings text[])
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_diff jsonb;
BEGIN
  v_diff := linli_rollup_known_rows(p_tenant, 'period', p_units, p_periods, p_communities, p_buildings);
  SELECT v_diff || linli_rollup_known_rows(p_tenant, 'rangeKey', coalesce(array_agg(k.u), '{}'), coalesce(array_agg(k.rk), '{}'),
                                           coalesce(array_agg(k.c), '{}'), coalesce(array_agg(k.b), '{}'))
  INTO v_diff
  FROM (
    SELECT DISTINCT ON (t.u, r.rk) t.u, r.rk, t.c, t.b
    FROM unnest(p_units, p_periods, p_communities, p_buildings) AS t(u, per, c, b)
    CROSS JOIN LATERAL unnest(linli_period_ranges(t.per)) AS r(rk)
    ORDER BY t.u, r.rk
  ) k;
  RETURN v_diff;
END
$$;
REVOKE ALL ON FUNCTION linli_rollup_known(text, text[], text[], text[], text[]) FROM PUBLIC;

-- The rebuild passes every bill as fresh (their events were all deleted) with its history:
-- it tells the fold so (linli.rollup_history), which then derives each one's events from the
-- ledger instead of taking its origin from the bill.
CREATE OR REPLACE FUNCTION linli_rollup_rebuild(p_tenant text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ids text[];
  v_history text := coalesce(current_setting('linli.rollup_history', true), '');
BEGIN
  PERFORM set_config('linli.rollup_history', 'on', true);
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
  PERFORM set_config('linli.rollup_history', v_history, true);
END
$$;
