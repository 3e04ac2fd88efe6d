-- AlterTable
ALTER TABLE "BillingRun" ADD COLUMN     "automatic" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "FeeSettings" ADD COLUMN     "autoBilledPeriod" TEXT,
ADD COLUMN     "autoBillingById" TEXT;

-- Scheduled monthly billing: the day is one every month has.
ALTER TABLE "FeeSettings" ADD CONSTRAINT "FeeSettings_autoBillingDay_check" CHECK ("autoBillingDay" BETWEEN 1 AND 28);
ALTER TABLE "FeeSettings" ADD CONSTRAINT "FeeSettings_autoBilledPeriod_check" CHECK ("autoBilledPeriod" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');

-- The job's one tenantless lookup: companies with scheduled billing on, with what it needs to
-- decide whether a run is due (their time zone, day, last period billed, the admin it runs as).
DROP FUNCTION IF EXISTS linli_auto_billing_tenants(int);
CREATE OR REPLACE FUNCTION linli_auto_billing_tenants()
RETURNS TABLE (tenant_id text, time_zone text, billing_day int, billed_period text, actor_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s."tenantId", t."timeZone", s."autoBillingDay", s."autoBilledPeriod", s."autoBillingById"
  FROM "FeeSettings" s JOIN "Tenant" t ON t."id" = s."tenantId"
  WHERE s."autoBillingEnabled" AND s."autoBillingById" IS NOT NULL;
$$;
REVOKE ALL ON FUNCTION linli_auto_billing_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_auto_billing_tenants() TO linli_app;
