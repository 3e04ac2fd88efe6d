-- AlterTable
ALTER TABLE "Bill" ADD COLUMN     "lateFeePaymentId" TEXT,
ADD COLUMN     "lateFeeThrough" DATE;

-- CreateIndex
CREATE INDEX "Bill_tenantId_forBillId_idx" ON "Bill"("tenantId", "forBillId");

-- CreateIndex
CREATE INDEX "Bill_tenantId_lateFeePaymentId_idx" ON "Bill"("tenantId", "lateFeePaymentId");

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_lateFeePaymentId_fkey" FOREIGN KEY ("tenantId", "lateFeePaymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The late-fee job (server/billing/late-fee-job.ts) runs as linli_app outside any tenant: it
-- lists the companies that have a fee item with a late-fee rate, then works on each inside
-- its own tenant transaction (row-level security applies there as for any request).
CREATE OR REPLACE FUNCTION linli_late_fee_tenants()
RETURNS TABLE (tenant_id text, time_zone text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t."id", t."timeZone" FROM "Tenant" t
  WHERE EXISTS (SELECT 1 FROM "FeeItem" f WHERE f."tenantId" = t."id" AND f."lateFeeDailyBp" IS NOT NULL);
$$;
REVOKE ALL ON FUNCTION linli_late_fee_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_late_fee_tenants() TO linli_app;
