-- The work-order sweep (server/work-orders/sweep-job.ts), every minute: SLA clocks that passed
-- their deadline unmet become breached (firstResponseMet / resolutionMet = false, never while a
-- quote pauses them), and orders COMPLETED long enough ago close by themselves (and are billed).
--
-- Partial indexes hold only the undecided clocks and the completed orders, by deadline: the
-- sweep reads the few past due, not the company's history. (Not in schema.prisma: Prisma does
-- not express partial indexes and ignores them in its diff.)
CREATE INDEX "WorkOrder_sweep_first_response_idx" ON "WorkOrder" ("firstResponseDueAt")
  WHERE "firstResponseMet" IS NULL AND "firstRespondedAt" IS NULL AND "pausedSince" IS NULL
    AND "status" IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS');
CREATE INDEX "WorkOrder_sweep_resolution_idx" ON "WorkOrder" ("resolveDueAt")
  WHERE "resolutionMet" IS NULL AND "pausedSince" IS NULL
    AND "status" IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS');
CREATE INDEX "WorkOrder_sweep_completed_idx" ON "WorkOrder" ("completedAt")
  WHERE "status" = 'COMPLETED';

-- The companies with something to sweep at `at` (orders completed at or before `close_before`
-- close): the job then visits each in its own tenant transaction. Ids only.
CREATE OR REPLACE FUNCTION linli_work_order_sweep_tenants(at timestamptz, close_before timestamptz)
RETURNS TABLE (tenant_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT w."tenantId" FROM "WorkOrder" w
  WHERE w."firstResponseMet" IS NULL AND w."firstRespondedAt" IS NULL AND w."pausedSince" IS NULL
    AND w."status" IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS') AND w."firstResponseDueAt" < at
  UNION
  SELECT w."tenantId" FROM "WorkOrder" w
  WHERE w."resolutionMet" IS NULL AND w."pausedSince" IS NULL
    AND w."status" IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS') AND w."resolveDueAt" < at
  UNION
  SELECT w."tenantId" FROM "WorkOrder" w
  WHERE w."status" = 'COMPLETED' AND w."completedAt" <= close_before;
$$;
REVOKE ALL ON FUNCTION linli_work_order_sweep_tenants(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_work_order_sweep_tenants(timestamptz, timestamptz) TO linli_app;
