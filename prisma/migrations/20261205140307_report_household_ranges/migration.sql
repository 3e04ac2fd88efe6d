-- Households over quarters and years (#16), kept at commit like the rest of the report rollups
-- (20261205080740_report_rollups). DOMAIN.md: "A quarter's or year's rate ... counts a household
-- as paid when all its bills of the range are paid." Until now a quarter or year bucket counted
-- its households per unit from UnitPeriodEvent at read time (every unit's events of its months:
-- seconds at 100,000 units). Now the fold keeps, beside each (unit, month)'s household state, the
-- state of the unit's quarter and year, as changes by local day, and adds them to RateDay and
-- RateMonth under period 'YYYY-Qn' / 'YYYY' (counts true, amounts 0, unitsBilled / unitsUnpaid
-- only). A quarter's 户数缴费率 as of D is then a sum of a few rollup rows, like a month's.
--
-- A unit's range state at a day: billed when any of its months in the range is billed, unpaid
-- when any is unpaid (unpaid implies billed). Each month's state is a 0/1 step function whose
-- changes UnitPeriodEvent holds, so the number of billed (unpaid) months of the range at a day is
-- the running sum of the range's changes, and the range state is "that sum > 0".
-- Nothing here locks anything new: the range rows are added by linli_rollup_add in the same
-- call, in the same key order, after the ledger's locks (at commit).
-- No schema.prisma change: extra rows in existing tables, functions replaced.

-- The quarter and the year a month falls in: 2026-05 → {2026-Q2, 2026}.
CREATE OR REPLACE FUNCTION linli_period_ranges(p_period text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[left(p_period, 4) || '-Q' || ((substr(p_period, 6, 2)::int + 2) / 3)::text, left(p_period, 4)]
$$;

-- First and last month of a range key: 2026-Q2 → 2026-04 / 2026-06; 2026 → 2026-01 / 2026-12.
CREATE OR REPLACE FUNCTION linli_range_first(p_range text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(p_range) = 4 THEN p_range || '-01'
              ELSE left(p_range, 4) || '-' || lpad(((right(p_range, 1)::int - 1) * 3 + 1)::text, 2, '0') END
$$;
CREATE OR REPLACE FUNCTION linli_range_last(p_range text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(p_range) = 4 THEN p_range || '-12'
              ELSE left(p_range, 4) || '-' || lpad((right(p_range, 1)::int * 3)::text, 2, '0') END
$$;

-- The household state of (unit, range) pairs, as changes by day, from UnitPeriodEvent. Grouped
-- by the unit's community and building as its events carry them (the per-unit count read them so).
CREATE OR REPLACE FUNCTION linli_unit_range_events(p_tenant text, p_units text[], p_ranges text[])
RETURNS TABLE ("unitId" text, "rangeKey" text, "day" date, "communityId" text, "buildingId" text, "billed" int, "unpaid" int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH pr AS (SELECT DISTINCT t.u, t.rk FROM unnest(p_units, p_ranges) AS t(u, rk)),
  byday AS (
    SELECT e."unitId" AS u, pr.rk, e."communityId" AS c, e."buildingId" AS b, e."day" AS d,
           sum(e."billed") AS bd, sum(e."unpaid") AS ud
    FROM pr JOIN "UnitPeriodEvent" e
      ON e."tenantId" = p_tenant AND e."unitId" = pr.u AND e."period" BETWEEN linli_range_first(pr.rk) AND linli_range_last(pr.rk)
    GROUP BY 1, 2, 3, 4, 5
  ),
  st AS (
    SELECT byday.u, byday.rk, byday.c, byday.b, byday.d,
           (sum(byday.bd) OVER w > 0)::int AS sb, (sum(byday.ud) OVER w > 0)::int AS su
    FROM byday WINDOW w AS (PARTITION BY byday.u, byday.rk, byday.c, byday.b ORDER BY byday.d)
  ),
  ch AS (
    SELECT st.u, st.rk, st.c, st.b, st.d, st.sb - lag(st.sb, 1, 0) OVER w AS bd, st.su - lag(st.su, 1, 0) OVER w AS ud
    FROM st WINDOW w AS (PARTITION BY st.u, st.rk, st.c, st.b ORDER BY st.d)
  )
  SELECT ch.u, ch.rk, ch.d, ch.c, ch.b, ch.bd::int, ch.ud::int FROM ch WHERE ch.bd <> 0 OR ch.ud <> 0;
END
$$;

-- Folds a set of bills of one company into the rollups: as before, and the quarters' and years'
-- household state of the units involved (see the header).
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
  SELECT coalesce(jsonb_agg(jsonb_build_object('c', e."communityId", 'b', e."buildingId", 'rk', e."rangeKey", 'day', e."day",
                                               'ub', -e."billed", 'uu', -e."unpaid")), '[]')
  INTO v_rold FROM linli_unit_range_events(p_tenant, v_runits, v_ranges) e;
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
  -- the quarters' and years' household state now, against before: rows of period 'YYYY-Qn' / 'YYYY'
  WITH both_ AS (
    SELECT x.c, x.b, x.rk, x.day, x.ub, x.uu FROM jsonb_to_recordset(v_rold) AS x(c text, b text, rk text, day date, ub int, uu int)
    UNION ALL
    SELECT e."communityId", e."buildingId", e."rangeKey", e."day", e."billed", e."unpaid" FROM linli_unit_range_events(p_tenant, v_runits, v_ranges) e
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

-- What is there already: every company's quarter and year rows from its UnitPeriodEvent, set-based
-- (the changes linli_unit_range_events gives, at the three levels linli_rollup_add writes; added to
-- whatever is there, which is nothing before this migration).
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
  SELECT t, c, b, rk, d, sb - lag(sb, 1, 0) OVER w AS bd, su - lag(su, 1, 0) OVER w AS ud
  FROM st WINDOW w AS (PARTITION BY t, u, rk, c, b ORDER BY d)
),
lv AS (
  SELECT ch.t, l.c, l.b, ch.rk, ch.d, sum(ch.bd)::int AS ub, sum(ch.ud)::int AS uu
  FROM ch CROSS JOIN LATERAL (VALUES ('*', '*'), (ch.c, '*'), (ch.c, ch.b)) AS l(c, b)
  WHERE ch.bd <> 0 OR ch.ud <> 0
  GROUP BY 1, 2, 3, 4, 5
),
days AS (
  INSERT INTO "RateDay" AS r ("tenantId", "communityId", "buildingId", "period", "counts", "day", "unitsBilled", "unitsUnpaid")
  SELECT t, c, b, rk, true, d, ub, uu FROM lv ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "communityId", "buildingId", "period", "counts", "day") DO UPDATE SET
    "unitsBilled" = r."unitsBilled" + excluded."unitsBilled", "unitsUnpaid" = r."unitsUnpaid" + excluded."unitsUnpaid"
  RETURNING 1
)
INSERT INTO "RateMonth" AS r ("tenantId", "communityId", "buildingId", "period", "counts", "month", "unitsBilled", "unitsUnpaid")
SELECT t, c, b, rk, true, to_char(d, 'YYYY-MM'), sum(ub), sum(uu) FROM lv GROUP BY 1, 2, 3, 4, 6 ORDER BY 1, 2, 3, 4, 6
ON CONFLICT ("tenantId", "communityId", "buildingId", "period", "counts", "month") DO UPDATE SET
  "unitsBilled" = r."unitsBilled" + excluded."unitsBilled", "unitsUnpaid" = r."unitsUnpaid" + excluded."unitsUnpaid";

-- The fold's workers run only inside the SECURITY DEFINER functions (the triggers' fold, the
-- rebuild) and the owner's bulk load: the app role may not call them (a function is executable
-- by PUBLIC unless revoked; as definers these would read any company's ledger and write any
-- company's rollups, past row-level security).
REVOKE ALL ON FUNCTION linli_unit_range_events(text, text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_bill_events(text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_unit_events(text, text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_rollup_add(text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_rollup_bills(text, text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION linli_work_order_facts(text, text[]) FROM PUBLIC;
